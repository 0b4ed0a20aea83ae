/*
 * liar (deliberately broken): a source, extractor and parser that hands the host bad results on
 * request, so that tests can show the host turns each into a clear error instead of trusting it
 * (and crashing the JVM).
 *
 * Source (open params, one word): "wrong_id" gives events of another plugin id, "null_event" a
 * NULL event pointer in the batch, "huge_count" a batch count far past the array, "bad_length"
 * an event whose header length disagrees with its parameters; anything else ten good events.
 * The payload of a good event is the open params themselves, so a capture recorded with, say,
 * "null_result" carries that word to the extractor.
 *
 * Extractor and parser (the payload, one word): "error" fails with a last error, "null_result"
 * claims one value at a NULL result, "null_string" gives a NULL string, "many" five values for a
 * single-valued field, "huge" 2^40 values for a list field, "bad_addr" a 7-byte address,
 * "parse_error" fails to parse.
 */
#include <stdlib.h>
#include <string.h>

#include "scapula_plugin.h"

#define LIAR_ID 9013
#define LIAR_EVENTS 10
#define LIAR_MAX_PAYLOAD 64

typedef struct liar_plugin {
    char last_error[256];
    char word[LIAR_MAX_PAYLOAD]; /* liar.word's value, valid until the next call */
    uint64_t u64[5];
    const char *strs[1];
    ss_plugin_byte_buffer addr;
    uint8_t addr_bytes[16];
} liar_plugin;

typedef struct liar_instance {
    char mode[LIAR_MAX_PAYLOAD];
    uint32_t sent;
    uint8_t event[SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + LIAR_MAX_PAYLOAD];
    ss_plugin_event *ptrs[2];
} liar_instance;

const char *plugin_get_required_api_version(void) { return "3.0.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "liar"; }
const char *plugin_get_description(void) { return "Broken on purpose: hands the host bad results on request"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
uint32_t plugin_get_id(void) { return LIAR_ID; }
const char *plugin_get_event_source(void) { return "liar"; }
const char *plugin_get_extract_event_sources(void) { return "[\"liar\"]"; }
const char *plugin_get_parse_event_sources(void) { return "[\"liar\"]"; }

const char *plugin_get_fields(void) {
    return "["
           "{\"type\":\"uint64\",\"name\":\"liar.count\",\"desc\":\"A single number\"},"
           "{\"type\":\"string\",\"name\":\"liar.word\",\"desc\":\"The payload as a string\"},"
           "{\"type\":\"uint64\",\"name\":\"liar.list\",\"isList\":true,\"desc\":\"Some numbers\"},"
           "{\"type\":\"ipaddr\",\"name\":\"liar.addr\",\"desc\":\"An address\"}"
           "]";
}

const char *plugin_get_last_error(ss_plugin_t *s) {
    liar_plugin *p = s;
    return p->last_error[0] ? p->last_error : NULL;
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    liar_plugin *p = calloc(1, sizeof(*p));
    *rc = p ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

ss_instance_t *plugin_open(ss_plugin_t *s, const char *params, ss_plugin_rc *rc) {
    (void)s;
    liar_instance *i = calloc(1, sizeof(*i));
    if (i == NULL) {
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    strncpy(i->mode, params ? params : "", sizeof(i->mode) - 1);
    *rc = SS_PLUGIN_SUCCESS;
    return i;
}

void plugin_close(ss_plugin_t *s, ss_instance_t *h) {
    (void)s;
    free(h);
}

/* A plugin event (type 322) carrying the instance's mode word as its payload. */
static ss_plugin_event *good_event(liar_instance *i, uint32_t plugin_id) {
    uint32_t n = (uint32_t)strlen(i->mode);
    uint8_t *e = i->event;
    ss_plugin_event h = {UINT64_MAX, 0, SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + n, SCAPULA_PLUGIN_EVENT, 2};
    uint32_t lens[2] = {4, n};
    memcpy(e, &h, sizeof(h));
    memcpy(e + sizeof(h), lens, sizeof(lens));
    memcpy(e + sizeof(h) + sizeof(lens), &plugin_id, 4);
    memcpy(e + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, i->mode, n);
    return (ss_plugin_event *)e;
}

ss_plugin_rc plugin_next_batch(ss_plugin_t *s, ss_instance_t *h, uint32_t *nevts, ss_plugin_event ***evts) {
    (void)s;
    liar_instance *i = h;
    if (i->sent == LIAR_EVENTS) {
        *nevts = 0;
        return SS_PLUGIN_EOF;
    }
    i->sent++;
    i->ptrs[0] = good_event(i, strcmp(i->mode, "wrong_id") == 0 ? 4242 : LIAR_ID);
    *nevts = 1;
    *evts = i->ptrs;
    if (strcmp(i->mode, "null_event") == 0) {
        i->ptrs[0] = NULL;
    } else if (strcmp(i->mode, "huge_count") == 0) {
        *nevts = 0x40000000u;
    } else if (strcmp(i->mode, "bad_length") == 0) {
        i->ptrs[0]->len += 100;
    }
    return SS_PLUGIN_SUCCESS;
}

/* The payload as a NUL-terminated word, at most LIAR_MAX_PAYLOAD - 1 bytes. */
static void payload_word(const ss_plugin_event *evt, char *out) {
    const uint8_t *e = (const uint8_t *)evt;
    uint32_t n = evt->len > SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET ? evt->len - SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET : 0;
    if (n > LIAR_MAX_PAYLOAD - 1) {
        n = LIAR_MAX_PAYLOAD - 1;
    }
    memcpy(out, e + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, n);
    out[n] = 0;
}

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    liar_plugin *p = s;
    char *word = p->word;
    payload_word(evt->evt, word);
    if (strcmp(word, "error") == 0) {
        strcpy(p->last_error, "liar: cannot extract from an event that says error");
        return SS_PLUGIN_FAILURE;
    }
    for (uint32_t f = 0; f < in->num_fields; f++) {
        ss_plugin_extract_field *x = &in->fields[f];
        p->u64[0] = 7;
        p->strs[0] = strcmp(word, "null_string") == 0 ? NULL : word;
        p->addr.len = strcmp(word, "bad_addr") == 0 ? 7 : 4;
        p->addr.ptr = p->addr_bytes;
        x->res_len = 1;
        switch (x->field_id) {
        case 0: x->res.u64 = p->u64; break;
        case 1: x->res.str = p->strs; break;
        case 2: x->res.u64 = p->u64; break;
        default: x->res.buf = &p->addr; break;
        }
        if (strcmp(word, "null_result") == 0) {
            x->res.u64 = NULL;
        } else if (strcmp(word, "many") == 0 && x->field_id == 0) {
            x->res_len = 5;
        } else if (strcmp(word, "huge") == 0 && x->field_id == 2) {
            x->res_len = 1ull << 40;
        }
    }
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_parse_event(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                const ss_plugin_event_parse_input *in) {
    (void)in;
    liar_plugin *p = s;
    char word[LIAR_MAX_PAYLOAD];
    payload_word(evt->evt, word);
    if (strcmp(word, "parse_error") == 0) {
        strcpy(p->last_error, "liar: cannot parse an event that says parse_error");
        return SS_PLUGIN_FAILURE;
    }
    return SS_PLUGIN_SUCCESS;
}
