/*
 * stateful: a parser of "counter" events that keeps state, sends async events from its own
 * thread, dumps its state as async events, and listens for capture open and close.
 *
 * Teaches: the event-parsing capability and everything a plugin with state needs so that a
 * capture replays to the same state: a state table the host can read, async events from a
 * thread of its own, dump_state, and the capture listener.
 *
 * State: seen (counter events parsed), last_seq, ticks (counter_tick async events parsed), and a
 * table registered with the host, "counter_parity" (u64 key: 0 even, 1 odd; read-only fields
 * "count" and "last_seq"), so the host can snapshot the state after every event.
 * Async events: "counter_tick" (data: u64 tick number) from a thread started by
 * set_async_event_handler; "counter_state" (data: seen, last_seq, ticks, then count and last_seq
 * of both parity entries: seven u64) from dump_state. Parsing a counter_state event restores the state, so a capture that starts with
 * the dump replays to the same state as the live run. Parse sources are "counter" and "syscall":
 * a dumped event is written as the plugin encoded it, with plugin id 0, which a reader maps to
 * the syscall source, so a plugin-source parser must also take "syscall" to see its own dump.
 * Init config, JSON with a published schema: {"tick_us": N, "ticks": N} (defaults 1000 and 5), the
 * async thread's period and count; tick_us 0 sends the ticks back to back, a flood that outruns any
 * host, to test how a host bounds its async queue. {"tick_every": N} (N > 0) paces the ticks by
 * events instead of time: tick k is sent once k*N counter events were parsed, and the parse of the
 * k*N-th event returns only after the host's handler returned for tick k, so a test knows exactly
 * how many ticks reached the host before the source ended, however slow the machine.
 *
 * The test fixtures stateful_nodump and stateful_clock (../../fixtures) compile this file with
 * dump_state left out and with the clock mixed into the table.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scapula_plugin.h"

#define STATE_WORDS 7

typedef struct parity_entry {
    uint64_t count;
    uint64_t last_seq;
} parity_entry;

typedef struct stateful_plugin {
    char last_error[1024];
    uint64_t seen, last_seq, ticks;
    parity_entry parity[2];
    uint64_t captures_open;
    uint64_t results[4];
    uint64_t tick_us, max_ticks, tick_every;
    uint64_t ticks_sent; /* with tick_every: ticks whose handler call returned */
    pthread_mutex_t lock;
    pthread_cond_t paced; /* with tick_every: seen or ticks_sent moved, or stop */
    pthread_t thread;
    int running;
    atomic_int stop; /* written by the host's thread, read by the tick thread */
    ss_plugin_owner_t *owner;
    ss_plugin_async_event_handler_t handler;
} stateful_plugin;

const char *plugin_get_required_api_version(void) { return "3.10.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "stateful"; }
const char *plugin_get_description(void) { return "Keeps state from counter events, with async events and dump_state"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
const char *plugin_get_parse_event_sources(void) { return "[\"counter\",\"syscall\"]"; }
const char *plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }
const char *plugin_get_async_event_sources(void) { return "[\"counter\"]"; }
const char *plugin_get_async_events(void) { return "[\"counter_tick\",\"counter_state\"]"; }

static uint16_t parse_types[] = {SCAPULA_PLUGIN_EVENT, SCAPULA_ASYNC_EVENT};

uint16_t *plugin_get_parse_event_types(uint32_t *numtypes, ss_plugin_t *s) {
    (void)s;
    *numtypes = 2;
    return parse_types;
}

const char *plugin_get_fields(void) {
    return "["
           "{\"type\":\"uint64\",\"name\":\"stateful.seen\",\"desc\":\"Counter events parsed so far\"},"
           "{\"type\":\"uint64\",\"name\":\"stateful.last_seq\",\"desc\":\"Sequence number of the last counter event\"},"
           "{\"type\":\"uint64\",\"name\":\"stateful.ticks\",\"desc\":\"counter_tick async events parsed so far\"},"
           "{\"type\":\"uint64\",\"name\":\"stateful.captures_open\",\"desc\":\"capture_open calls minus capture_close\"}"
           "]";
}

const char *plugin_get_last_error(ss_plugin_t *s) {
    stateful_plugin *p = s;
    return p->last_error[0] ? p->last_error : NULL;
}

const char *plugin_get_init_schema(uint32_t *schema_type) {
    *schema_type = 1; /* JSON */
    return "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
           "\"tick_us\":{\"type\":\"integer\",\"minimum\":0},\"ticks\":{\"type\":\"integer\",\"minimum\":0},"
           "\"tick_every\":{\"type\":\"integer\",\"minimum\":0}}}";
}

/* Reads "key": N from the (schema-checked) JSON config; fallback when the key is absent. */
static uint64_t config_value(const char *config, const char *key, uint64_t fallback) {
    char quoted[64];
    snprintf(quoted, sizeof(quoted), "\"%s\"", key);
    const char *at = config ? strstr(config, quoted) : NULL;
    if (!at) {
        return fallback;
    }
    at = strchr(at + strlen(quoted), ':');
    return at ? strtoull(at + 1, NULL, 10) : fallback;
}

/* --- The counter_parity table. Entry handles are index + 1, field handles are index + 1. --- */

static const ss_plugin_table_fieldinfo parity_fields[] = {
    {"count", SCAPULA_STATE_UINT64, 1},
    {"last_seq", SCAPULA_STATE_UINT64, 1},
};

static const ss_plugin_table_fieldinfo *parity_list_fields(ss_plugin_table_t *t, uint32_t *n) {
    (void)t;
    *n = 2;
    return parity_fields;
}

static ss_plugin_table_field_t *parity_get_field(ss_plugin_table_t *t, const char *name, uint32_t type) {
    (void)t;
    for (uintptr_t i = 0; i < 2; i++) {
        if (strcmp(parity_fields[i].name, name) == 0 && type == SCAPULA_STATE_UINT64) {
            return (ss_plugin_table_field_t *)(i + 1);
        }
    }
    return NULL;
}

static ss_plugin_table_field_t *parity_add_field(ss_plugin_table_t *t, const char *name, uint32_t type) {
    (void)t;
    (void)name;
    (void)type;
    return NULL; /* the table has no dynamic fields */
}

static const char *parity_name(ss_plugin_table_t *t) {
    (void)t;
    return "counter_parity";
}

static uint64_t parity_size(ss_plugin_table_t *t) {
    (void)t;
    return 2;
}

static ss_plugin_table_entry_t *parity_get_entry(ss_plugin_table_t *t, const ss_plugin_state_data *key) {
    (void)t;
    return key->u64 < 2 ? (ss_plugin_table_entry_t *)(uintptr_t)(key->u64 + 1) : NULL;
}

static ss_plugin_rc parity_read(ss_plugin_table_t *t, ss_plugin_table_entry_t *e, const ss_plugin_table_field_t *f,
                                ss_plugin_state_data *out) {
    stateful_plugin *p = t;
    uintptr_t entry = (uintptr_t)e, field = (uintptr_t)f;
    if (entry < 1 || entry > 2 || field < 1 || field > 2) {
        snprintf(p->last_error, sizeof(p->last_error), "counter_parity: no entry %lu or field %lu",
                 (unsigned long)entry, (unsigned long)field);
        return SS_PLUGIN_FAILURE;
    }
    pthread_mutex_lock(&p->lock);
    out->u64 = field == 1 ? p->parity[entry - 1].count : p->parity[entry - 1].last_seq;
    pthread_mutex_unlock(&p->lock);
    return SS_PLUGIN_SUCCESS;
}

static void parity_release(ss_plugin_table_t *t, ss_plugin_table_entry_t *e) {
    (void)t;
    (void)e;
}

static ss_plugin_bool parity_iterate(ss_plugin_table_t *t, ss_plugin_table_iterator_func_t it,
                                     ss_plugin_table_iterator_state_t *s) {
    (void)t;
    for (uintptr_t i = 1; i <= 2; i++) {
        if (!it(s, (ss_plugin_table_entry_t *)i)) {
            return 0;
        }
    }
    return 1;
}

/* The table is read-only to others: every writer function refuses. */
static ss_plugin_rc parity_clear(ss_plugin_table_t *t) {
    (void)t;
    return SS_PLUGIN_FAILURE;
}
static ss_plugin_rc parity_erase(ss_plugin_table_t *t, const ss_plugin_state_data *k) {
    (void)t;
    (void)k;
    return SS_PLUGIN_FAILURE;
}
static ss_plugin_table_entry_t *parity_create(ss_plugin_table_t *t) {
    (void)t;
    return NULL;
}
static void parity_destroy(ss_plugin_table_t *t, ss_plugin_table_entry_t *e) {
    (void)t;
    (void)e;
}
static ss_plugin_table_entry_t *parity_add(ss_plugin_table_t *t, const ss_plugin_state_data *k,
                                           ss_plugin_table_entry_t *e) {
    (void)t;
    (void)k;
    (void)e;
    return NULL;
}
static ss_plugin_rc parity_write(ss_plugin_table_t *t, ss_plugin_table_entry_t *e, const ss_plugin_table_field_t *f,
                                 const ss_plugin_state_data *in) {
    (void)t;
    (void)e;
    (void)f;
    (void)in;
    return SS_PLUGIN_FAILURE;
}

static ss_plugin_table_reader_vtable_ext parity_reader = {parity_name, parity_size, parity_get_entry, parity_read,
                                                          parity_release, parity_iterate};
static ss_plugin_table_writer_vtable parity_writer = {parity_clear, parity_erase, parity_create, parity_destroy,
                                                      parity_add, parity_write};
static ss_plugin_table_fields_vtable parity_fields_vtable = {parity_list_fields, parity_get_field, parity_add_field};

static ss_plugin_rc register_table(stateful_plugin *p, const ss_plugin_init_input *in) {
    if (!in->tables || !in->tables->add_table) {
        return SS_PLUGIN_SUCCESS; /* a host without tables: the state is still kept */
    }
    ss_plugin_table_input t;
    memset(&t, 0, sizeof(t));
    t.name = "counter_parity";
    t.key_type = SCAPULA_STATE_UINT64;
    t.table = p;
    t.reader[0] = (void *)parity_reader.get_table_name;
    t.reader[1] = (void *)parity_reader.get_table_size;
    t.reader[2] = (void *)parity_reader.get_table_entry;
    t.reader[3] = (void *)parity_reader.read_entry_field;
    t.writer = parity_writer;
    t.fields = parity_fields_vtable;
    t.reader_ext = &parity_reader;
    t.writer_ext = &parity_writer;
    t.fields_ext = &parity_fields_vtable;
    if (in->tables->add_table(in->owner, &t) != SS_PLUGIN_SUCCESS) {
        const char *err = in->get_owner_last_error ? in->get_owner_last_error(in->owner) : NULL;
        snprintf(p->last_error, sizeof(p->last_error), "add_table(counter_parity) failed: %s", err ? err : "");
        return SS_PLUGIN_FAILURE;
    }
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    stateful_plugin *p = calloc(1, sizeof(*p));
    if (!p) {
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->paced, NULL);
    p->tick_us = config_value(in->config, "tick_us", 1000);
    p->max_ticks = config_value(in->config, "ticks", 5);
    p->tick_every = config_value(in->config, "tick_every", 0);
    if (in->log_fn) {
        in->log_fn(in->owner, NULL, "stateful initialised", 6 /* INFO */);
    }
    *rc = register_table(p, in);
    return p;
}

/* Encodes an async event named name with data into buf; returns its length. */
static uint32_t encode_async(uint8_t *buf, const char *name, const void *data, uint32_t data_len) {
    uint32_t name_len = (uint32_t)strlen(name) + 1;
    uint32_t len = SCAPULA_ASYNC_EVENT_NAME_OFFSET + name_len + data_len;
    ss_plugin_event hdr = {UINT64_MAX, UINT64_MAX, len, SCAPULA_ASYNC_EVENT, 3};
    uint32_t lens[3] = {4, name_len, data_len};
    uint32_t plugin_id = 0;
    memcpy(buf, &hdr, sizeof(hdr));
    memcpy(buf + SCAPULA_ASYNC_EVENT_LENGTHS, lens, sizeof(lens));
    memcpy(buf + SCAPULA_ASYNC_EVENT_PLUGIN_ID, &plugin_id, sizeof(plugin_id));
    memcpy(buf + SCAPULA_ASYNC_EVENT_NAME_OFFSET, name, name_len);
    memcpy(buf + SCAPULA_ASYNC_EVENT_NAME_OFFSET + name_len, data, data_len);
    return len;
}

static void *tick_thread(void *arg) {
    stateful_plugin *p = arg;
    uint8_t buf[128];
    char err[1024];
    for (uint64_t tick = 1; tick <= p->max_ticks && !p->stop; tick++) {
        if (p->tick_every > 0) {
            pthread_mutex_lock(&p->lock);
            while (!p->stop && p->seen < tick * p->tick_every) {
                pthread_cond_wait(&p->paced, &p->lock);
            }
            pthread_mutex_unlock(&p->lock);
        } else if (p->tick_us > 0) {
            struct timespec pause = {(time_t)(p->tick_us / 1000000), (long)(p->tick_us % 1000000) * 1000};
            nanosleep(&pause, NULL);
        }
        if (p->stop) {
            break;
        }
        encode_async(buf, "counter_tick", &tick, sizeof(tick));
        p->handler(p->owner, (const ss_plugin_event *)buf, err);
        if (p->tick_every > 0) {
            pthread_mutex_lock(&p->lock);
            p->ticks_sent = tick;
            pthread_cond_broadcast(&p->paced);
            pthread_mutex_unlock(&p->lock);
        }
    }
    return NULL;
}

static void stop_thread(stateful_plugin *p) {
    if (p->running) {
        pthread_mutex_lock(&p->lock);
        p->stop = 1;
        pthread_cond_broadcast(&p->paced);
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->thread, NULL);
        p->running = 0;
    }
}

ss_plugin_rc plugin_set_async_event_handler(ss_plugin_t *s, ss_plugin_owner_t *owner,
                                            ss_plugin_async_event_handler_t handler) {
    stateful_plugin *p = s;
    stop_thread(p); /* the host clears the handler with NULL: stop before returning */
    if (!handler) {
        return SS_PLUGIN_SUCCESS;
    }
    p->owner = owner;
    p->handler = handler;
    p->stop = 0;
    p->ticks_sent = 0;
    if (pthread_create(&p->thread, NULL, tick_thread, p) != 0) {
        snprintf(p->last_error, sizeof(p->last_error), "cannot start the tick thread");
        return SS_PLUGIN_FAILURE;
    }
    p->running = 1;
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_dump_state(ss_plugin_t *s, ss_plugin_owner_t *owner, ss_plugin_async_event_handler_t handler) {
    stateful_plugin *p = s;
    uint8_t buf[128];
    char err[1024] = {0};
    pthread_mutex_lock(&p->lock);
    uint64_t state[STATE_WORDS] = {p->seen,           p->last_seq,       p->ticks,          p->parity[0].count,
                                   p->parity[0].last_seq, p->parity[1].count, p->parity[1].last_seq};
    pthread_mutex_unlock(&p->lock);
    encode_async(buf, "counter_state", state, sizeof(state));
    if (handler(owner, (const ss_plugin_event *)buf, err) != SS_PLUGIN_SUCCESS) {
        snprintf(p->last_error, sizeof(p->last_error), "the host refused the state event: %s", err);
        return SS_PLUGIN_FAILURE;
    }
    return SS_PLUGIN_SUCCESS;
}

void plugin_destroy(ss_plugin_t *s) {
    stateful_plugin *p = s;
    stop_thread(p);
    pthread_cond_destroy(&p->paced);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

/* set_config: the same JSON as the init config; changes the tick settings for the next thread. */
typedef struct ss_plugin_set_config_input {
    const char *config;
} ss_plugin_set_config_input;

ss_plugin_rc plugin_set_config(ss_plugin_t *s, const ss_plugin_set_config_input *in) {
    stateful_plugin *p = s;
    p->tick_us = config_value(in->config, "tick_us", p->tick_us);
    p->max_ticks = config_value(in->config, "ticks", p->max_ticks);
    p->tick_every = config_value(in->config, "tick_every", p->tick_every);
    return SS_PLUGIN_SUCCESS;
}

/* One metric: the counter events parsed so far (a u64 counter). 32 bytes, as plugin_api.h. */
typedef struct ss_plugin_metric {
    const char *name;
    uint32_t type;       /* 0 monotonic counter */
    uint64_t value;      /* the ss_plugin_metric_value union: its u64 member */
    uint32_t value_type; /* 2 u64 */
} ss_plugin_metric;

static ss_plugin_metric metrics[1];

ss_plugin_metric *plugin_get_metrics(ss_plugin_t *s, uint32_t *num_metrics) {
    stateful_plugin *p = s;
    pthread_mutex_lock(&p->lock);
    metrics[0] = (ss_plugin_metric){"stateful.events_parsed", 0, p->seen, 2};
    pthread_mutex_unlock(&p->lock);
    *num_metrics = 1;
    return metrics;
}

ss_plugin_rc plugin_parse_event(ss_plugin_t *s, const ss_plugin_event_input *evt, const ss_plugin_event_parse_input *in) {
    (void)in;
    stateful_plugin *p = s;
    const uint8_t *e = (const uint8_t *)evt->evt;
    pthread_mutex_lock(&p->lock);
    if (evt->evt->type == SCAPULA_PLUGIN_EVENT) {
        uint32_t size = scapula_plugin_event_payload_len(evt->evt);
        if (size >= 8) {
            memcpy(&p->last_seq, e + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, sizeof(p->last_seq));
            parity_entry *entry = &p->parity[p->last_seq % 2];
            entry->count++;
            entry->last_seq = p->last_seq;
        }
        p->seen++;
        if (p->running && p->tick_every > 0 && p->seen % p->tick_every == 0 && p->seen / p->tick_every <= p->max_ticks) {
            /* paced ticks: this event is the one tick seen/tick_every waits for; return once it was handed over */
            uint64_t tick = p->seen / p->tick_every;
            pthread_cond_broadcast(&p->paced);
            while (!p->stop && p->ticks_sent < tick) {
                pthread_cond_wait(&p->paced, &p->lock);
            }
        }
    } else if (evt->evt->type == SCAPULA_ASYNC_EVENT) {
        const char *name = (const char *)e + SCAPULA_ASYNC_EVENT_NAME_OFFSET;
        uint32_t name_len, data_len;
        memcpy(&name_len, e + SCAPULA_ASYNC_EVENT_NAME_LEN, sizeof(name_len));
        memcpy(&data_len, e + SCAPULA_ASYNC_EVENT_DATA_LEN, sizeof(data_len));
        /* A capture may hold any bytes: read the name only when the lengths fit the event. */
        if (name_len == 0 || (uint64_t)SCAPULA_ASYNC_EVENT_NAME_OFFSET + name_len + data_len > evt->evt->len ||
            name[name_len - 1] != '\0') {
            pthread_mutex_unlock(&p->lock);
            return SS_PLUGIN_SUCCESS;
        }
        const uint8_t *data = e + SCAPULA_ASYNC_EVENT_NAME_OFFSET + name_len;
        if (strcmp(name, "counter_tick") == 0) {
            p->ticks++;
        } else if (strcmp(name, "counter_state") == 0 && data_len == STATE_WORDS * 8) {
            uint64_t state[STATE_WORDS];
            memcpy(state, data, sizeof(state));
            p->seen = state[0];
            p->last_seq = state[1];
            p->ticks = state[2];
            p->parity[0] = (parity_entry){state[3], state[4]};
            p->parity[1] = (parity_entry){state[5], state[6]};
        }
    }
    pthread_mutex_unlock(&p->lock);
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    (void)evt;
    stateful_plugin *p = s;
    if (in->num_fields > 4) {
        snprintf(p->last_error, sizeof(p->last_error), "at most 4 fields per call, got %u", in->num_fields);
        return SS_PLUGIN_FAILURE;
    }
    pthread_mutex_lock(&p->lock);
    for (uint32_t i = 0; i < in->num_fields; i++) {
        ss_plugin_extract_field *f = &in->fields[i];
        uint64_t values[4] = {p->seen, p->last_seq, p->ticks, p->captures_open};
        p->results[i] = f->field_id < 4 ? values[f->field_id] : 0;
        f->res.u64 = &p->results[i];
        f->res_len = 1;
    }
    pthread_mutex_unlock(&p->lock);
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_capture_open(ss_plugin_t *s, const ss_plugin_capture_listen_input *in) {
    (void)in;
    stateful_plugin *p = s;
    p->captures_open++;
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_capture_close(ss_plugin_t *s, const ss_plugin_capture_listen_input *in) {
    (void)in;
    stateful_plugin *p = s;
    p->captures_open--;
    return SS_PLUGIN_SUCCESS;
}
