/*
 * tables: a parser and extractor of "counter" events that keeps no state of its own. It keeps it
 * in tables it does not own, as Falco plugins do with libsinsp's.
 *
 * Teaches: the state tables API from the user's side: finding a table by name, adding a
 * dynamic field, adding, reading and writing entries, through both shapes of vtable.
 *
 * The tables it uses:
 *   - the host's "threads" table (int64 key). At init it adds a dynamic u64 field
 *     "counter_last_seq" and the entry tid 1, comm "init". Parsing counter event seq upserts
 *     thread 100 + seq % 3 with comm "counter-<tid>" and counter_last_seq = seq.
 *   - the "counter_parity" table registered by the "stateful" plugin (u64 key seq % 2, field
 *     "count"), read through the host when stateful runs beside it.
 * Init config, words: "require_parity" makes init fail when counter_parity is missing, quoting
 * the host's owner error; "wall_clock" makes parsing also write the wall clock into a dynamic
 * field "parsed_at_ns", a deliberately nondeterministic state that only the table shows.
 * Vtables: the parser uses the inline ("deprecated") reader and writer, the extractor and init use
 * the _ext ones, so both shapes a host must offer are exercised.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scapula_plugin.h"

#define FIRST_TID 100
#define THREADS 3

typedef struct tables_plugin {
    char last_error[1024];
    ss_plugin_owner_t *owner;
    ss_plugin_owner_last_error_fn owner_error;
    ss_plugin_table_t *threads;
    ss_plugin_table_field_t *comm, *last_seq, *parsed_at;
    ss_plugin_table_t *parity;
    ss_plugin_table_field_t *parity_count;
    char comm_text[4][64];
    const char *strings[4];
    uint64_t u64[4];
} tables_plugin;

const char *plugin_get_required_api_version(void) { return "3.10.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "tables"; }
const char *plugin_get_description(void) { return "Keeps counter state in the host's threads table and reads stateful's table"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
const char *plugin_get_parse_event_sources(void) { return "[\"counter\"]"; }
const char *plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }

const char *plugin_get_fields(void) {
    return "["
           "{\"type\":\"string\",\"name\":\"tables.thread_comm\",\"desc\":\"comm of this event's thread in the threads table\"},"
           "{\"type\":\"uint64\",\"name\":\"tables.thread_last_seq\",\"desc\":\"counter_last_seq of this event's thread\"},"
           "{\"type\":\"uint64\",\"name\":\"tables.parity_count\",\"desc\":\"count of this event's parity in stateful's counter_parity table\"},"
           "{\"type\":\"uint64\",\"name\":\"tables.threads\",\"desc\":\"Entries in the threads table\"}"
           "]";
}

const char *plugin_get_last_error(ss_plugin_t *s) {
    tables_plugin *p = s;
    return p->last_error[0] ? p->last_error : NULL;
}

/* Fails init with the host's own explanation of the last refused table call. */
static ss_plugin_t *refuse(tables_plugin *p, ss_plugin_rc *rc, const char *what, const ss_plugin_init_input *in) {
    const char *why = in->get_owner_last_error ? in->get_owner_last_error(in->owner) : NULL;
    snprintf(p->last_error, sizeof(p->last_error), "%s: %s", what, why ? why : "(the host gave no reason)");
    *rc = SS_PLUGIN_FAILURE;
    return p;
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    tables_plugin *p = calloc(1, sizeof(*p));
    if (!p) {
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    *rc = SS_PLUGIN_SUCCESS;
    p->owner = in->owner;
    p->owner_error = in->get_owner_last_error;
    const ss_plugin_init_tables_input *t = in->tables;
    if (!t || !t->reader_ext || !t->writer_ext || !t->fields_ext) {
        snprintf(p->last_error, sizeof(p->last_error), "the host offers no state tables API with init-time access");
        *rc = SS_PLUGIN_FAILURE;
        return p;
    }
    p->threads = t->get_table(in->owner, "threads", SCAPULA_STATE_INT64);
    if (!p->threads) {
        return refuse(p, rc, "get_table(threads)", in);
    }
    p->comm = t->fields_ext->get_table_field(p->threads, "comm", SCAPULA_STATE_STRING);
    p->last_seq = t->fields.add_table_field(p->threads, "counter_last_seq", SCAPULA_STATE_UINT64);
    if (!p->comm || !p->last_seq) {
        return refuse(p, rc, "threads fields comm and counter_last_seq", in);
    }
    if (in->config && strstr(in->config, "wall_clock")) {
        p->parsed_at = t->fields_ext->add_table_field(p->threads, "parsed_at_ns", SCAPULA_STATE_UINT64);
        if (!p->parsed_at) {
            return refuse(p, rc, "threads field parsed_at_ns", in);
        }
    }
    /* The "init" thread, written at init through writer_ext. */
    ss_plugin_table_entry_t *e = t->writer_ext->create_table_entry(p->threads);
    ss_plugin_state_data key = {.s64 = 1};
    e = e ? t->writer_ext->add_table_entry(p->threads, &key, e) : NULL;
    ss_plugin_state_data comm = {.str = "init"};
    if (!e || t->writer_ext->write_entry_field(p->threads, e, p->comm, &comm) != SS_PLUGIN_SUCCESS) {
        return refuse(p, rc, "adding thread 1 at init", in);
    }
    t->reader_ext->release_table_entry(p->threads, e);

    p->parity = t->get_table(in->owner, "counter_parity", SCAPULA_STATE_UINT64);
    if (p->parity) {
        p->parity_count = t->fields_ext->get_table_field(p->parity, "count", SCAPULA_STATE_UINT64);
    } else if (in->config && strstr(in->config, "require_parity")) {
        return refuse(p, rc, "get_table(counter_parity)", in);
    }
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

static uint64_t sequence(const ss_plugin_event_input *evt) {
    uint64_t seq = 0;
    memcpy(&seq, (const uint8_t *)evt->evt + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, sizeof(seq));
    return seq;
}

static int is_counter_event(const ss_plugin_event_input *evt) {
    return evt->evt->type == SCAPULA_PLUGIN_EVENT && evt->evt->len >= SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + 8;
}

ss_plugin_rc plugin_parse_event(ss_plugin_t *s, const ss_plugin_event_input *evt, const ss_plugin_event_parse_input *in) {
    tables_plugin *p = s;
    if (!is_counter_event(evt)) {
        return SS_PLUGIN_SUCCESS;
    }
    uint64_t seq = sequence(evt);
    ss_plugin_state_data key = {.s64 = FIRST_TID + (int64_t)(seq % THREADS)};
    ss_plugin_table_entry_t *e = in->table_reader.get_table_entry(p->threads, &key);
    if (!e) {
        e = in->table_writer.create_table_entry(p->threads);
        e = e ? in->table_writer.add_table_entry(p->threads, &key, e) : NULL;
        if (!e) {
            const char *why = p->owner_error(p->owner);
            snprintf(p->last_error, sizeof(p->last_error), "adding thread %" PRId64 ": %s", key.s64, why ? why : "");
            return SS_PLUGIN_FAILURE;
        }
        char name[32];
        snprintf(name, sizeof(name), "counter-%" PRId64, key.s64);
        ss_plugin_state_data comm = {.str = name};
        in->table_writer.write_entry_field(p->threads, e, p->comm, &comm);
    }
    ss_plugin_state_data value = {.u64 = seq};
    ss_plugin_rc rc = in->table_writer.write_entry_field(p->threads, e, p->last_seq, &value);
    if (rc == SS_PLUGIN_SUCCESS && p->parsed_at) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        ss_plugin_state_data stamp = {.u64 = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec};
        rc = in->table_writer.write_entry_field(p->threads, e, p->parsed_at, &stamp);
    }
    in->table_reader_ext->release_table_entry(p->threads, e);
    if (rc != SS_PLUGIN_SUCCESS) {
        const char *why = p->owner_error(p->owner);
        snprintf(p->last_error, sizeof(p->last_error), "writing counter_last_seq: %s", why ? why : "");
    }
    return rc;
}

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    tables_plugin *p = s;
    const ss_plugin_table_reader_vtable_ext *r = in->table_reader_ext;
    for (uint32_t i = 0; i < in->num_fields && i < 4; i++) {
        ss_plugin_extract_field *f = &in->fields[i];
        f->res_len = 0;
        if (!is_counter_event(evt)) {
            continue;
        }
        uint64_t seq = sequence(evt);
        ss_plugin_state_data out = {0};
        if (f->field_id == 3) {
            p->u64[i] = r->get_table_size(p->threads);
            f->res.u64 = &p->u64[i];
            f->res_len = 1;
        } else if (f->field_id == 2) {
            if (!p->parity) {
                continue;
            }
            ss_plugin_state_data key = {.u64 = seq % 2};
            ss_plugin_table_entry_t *e = r->get_table_entry(p->parity, &key);
            if (e && r->read_entry_field(p->parity, e, p->parity_count, &out) == SS_PLUGIN_SUCCESS) {
                p->u64[i] = out.u64;
                f->res.u64 = &p->u64[i];
                f->res_len = 1;
            }
            if (e) {
                r->release_table_entry(p->parity, e);
            }
        } else {
            ss_plugin_state_data key = {.s64 = FIRST_TID + (int64_t)(seq % THREADS)};
            ss_plugin_table_entry_t *e = r->get_table_entry(p->threads, &key);
            if (!e) {
                continue;
            }
            if (r->read_entry_field(p->threads, e, f->field_id == 0 ? p->comm : p->last_seq, &out) == SS_PLUGIN_SUCCESS) {
                if (f->field_id == 0) {
                    /* Copied: the host's string is only valid during this call. */
                    snprintf(p->comm_text[i], sizeof(p->comm_text[i]), "%s", out.str ? out.str : "");
                    p->strings[i] = p->comm_text[i];
                    f->res.str = &p->strings[i];
                } else {
                    p->u64[i] = out.u64;
                    f->res.u64 = &p->u64[i];
                }
                f->res_len = 1;
            }
            r->release_table_entry(p->threads, e);
        }
    }
    return SS_PLUGIN_SUCCESS;
}
