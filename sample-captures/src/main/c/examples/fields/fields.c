/*
 * fields: a Falco extractor plugin for "counter" events with a field of every type, list fields,
 * index and key arguments, and value offsets. Every value comes from the event alone.
 *
 * Teaches: the field-extraction capability: declaring fields in get_fields, answering every
 * field type in extract_fields with results that stay valid until the next call, and why a
 * value must depend on the event only (so a replay gives it again).
 *
 * counter payload: u64 little-endian sequence number, then (seq + j) & 0xff bytes.
 *
 * It checks every length before it reads, so it is safe on any payload: the test fixture
 * fields_anysource (../../fixtures) compiles this file without its source list.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scapula_plugin.h"

enum {
    F_SEQ, F_SIZE, F_HEX, F_EVEN, F_SUBSECOND, F_TIME, F_IP, F_IP6, F_NET, F_DIVISORS, F_WORDS, F_BYTE, F_LABEL,
    F_COUNT
};

/* Most fields one extract_fields call may ask for: results are stored per requested field. */
#define MAX_REQUESTS 32

typedef struct fields_plugin {
    char last_error[1024];
    /* Result storage, one slot per requested field, valid until the next extract_fields call. */
    uint64_t u64[MAX_REQUESTS][8];
    ss_plugin_bool boolean[MAX_REQUESTS];
    char text[MAX_REQUESTS][2][64];
    const char *strs[MAX_REQUESTS][2];
    uint8_t addr[MAX_REQUESTS][16];
    ss_plugin_byte_buffer buf[MAX_REQUESTS];
    uint32_t offset_start[MAX_REQUESTS];
    uint32_t offset_length[MAX_REQUESTS];
} fields_plugin;

const char *plugin_get_required_api_version(void) { return "3.11.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "fields"; }
const char *plugin_get_description(void) { return "Fields of every type, extracted from counter events"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
const char *plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }

const char *plugin_get_fields(void) {
    return "["
           "{\"type\":\"uint64\",\"name\":\"fields.seq\",\"desc\":\"Sequence number of the counter event\"},"
           "{\"type\":\"uint64\",\"name\":\"fields.size\",\"desc\":\"Payload size in bytes\"},"
           "{\"type\":\"string\",\"name\":\"fields.hex\",\"desc\":\"First 8 payload bytes in hex\"},"
           "{\"type\":\"bool\",\"name\":\"fields.even\",\"desc\":\"True when the sequence number is even\"},"
           "{\"type\":\"reltime\",\"name\":\"fields.subsecond\",\"desc\":\"Nanoseconds into the second of the event\"},"
           "{\"type\":\"abstime\",\"name\":\"fields.time\",\"desc\":\"The event timestamp\"},"
           "{\"type\":\"ipaddr\",\"name\":\"fields.ip\",\"desc\":\"10.0.x.y from the sequence number\"},"
           "{\"type\":\"ipaddr\",\"name\":\"fields.ip6\",\"desc\":\"fd00::x from the sequence number\"},"
           "{\"type\":\"ipnet\",\"name\":\"fields.net\",\"desc\":\"10.x.0.0 network from the sequence number\"},"
           "{\"type\":\"uint64\",\"name\":\"fields.divisors\",\"isList\":true,"
           "\"desc\":\"Divisors of the sequence number from 1 to 8\"},"
           "{\"type\":\"string\",\"name\":\"fields.words\",\"isList\":true,\"desc\":\"seq-N and even or odd\"},"
           "{\"type\":\"uint64\",\"name\":\"fields.byte\",\"arg\":{\"isRequired\":true,\"isIndex\":true},"
           "\"desc\":\"The payload byte at the index argument\"},"
           "{\"type\":\"string\",\"name\":\"fields.label\",\"arg\":{\"isRequired\":false,\"isKey\":true},"
           "\"desc\":\"KEY:seq with a key argument, seq without\",\"display\":\"Label\"}"
           "]";
}

const char *plugin_get_last_error(ss_plugin_t *s) {
    fields_plugin *p = s;
    return p->last_error[0] ? p->last_error : NULL;
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    fields_plugin *p = calloc(1, sizeof(*p));
    *rc = p ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    fields_plugin *p = s;
    const uint8_t *e = (const uint8_t *)evt->evt;
    uint32_t size = scapula_plugin_event_payload_len(evt->evt);
    if (evt->evt->type != SCAPULA_PLUGIN_EVENT || size < 8) {
        snprintf(p->last_error, sizeof(p->last_error), "event %" PRIu64 " is not a counter event of 8+ bytes",
                 evt->evtnum);
        return SS_PLUGIN_FAILURE;
    }
    if (in->num_fields > MAX_REQUESTS) {
        snprintf(p->last_error, sizeof(p->last_error), "at most %d fields per call, got %u", MAX_REQUESTS,
                 in->num_fields);
        return SS_PLUGIN_FAILURE;
    }
    const uint8_t *payload = e + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET;
    uint64_t seq;
    memcpy(&seq, payload, sizeof(seq));
    for (uint32_t i = 0; i < in->num_fields; i++) {
        ss_plugin_extract_field *f = &in->fields[i];
        uint32_t id = f->field_id;
        if (id >= F_COUNT) {
            snprintf(p->last_error, sizeof(p->last_error), "unknown field id %u", id);
            return SS_PLUGIN_FAILURE;
        }
        f->res_len = 1;
        switch (id) {
        case F_SEQ:
            p->u64[i][0] = seq;
            f->res.u64 = p->u64[i];
            break;
        case F_SIZE:
            p->u64[i][0] = size;
            f->res.u64 = p->u64[i];
            break;
        case F_HEX:
            for (int j = 0; j < 8; j++) {
                snprintf(p->text[i][0] + 2 * j, 3, "%02x", payload[j]);
            }
            p->strs[i][0] = p->text[i][0];
            f->res.str = p->strs[i];
            break;
        case F_EVEN:
            p->boolean[i] = seq % 2 == 0;
            f->res.boolean = &p->boolean[i];
            break;
        case F_SUBSECOND:
            p->u64[i][0] = evt->evt->ts % 1000000000ULL;
            f->res.u64 = p->u64[i];
            break;
        case F_TIME:
            p->u64[i][0] = evt->evt->ts;
            f->res.u64 = p->u64[i];
            break;
        case F_IP:
            p->addr[i][0] = 10;
            p->addr[i][1] = 0;
            p->addr[i][2] = (uint8_t)(seq >> 8);
            p->addr[i][3] = (uint8_t)seq;
            p->buf[i].len = 4;
            p->buf[i].ptr = p->addr[i];
            f->res.buf = &p->buf[i];
            break;
        case F_IP6:
            memset(p->addr[i], 0, 16);
            p->addr[i][0] = 0xfd;
            p->addr[i][14] = (uint8_t)(seq >> 8);
            p->addr[i][15] = (uint8_t)seq;
            p->buf[i].len = 16;
            p->buf[i].ptr = p->addr[i];
            f->res.buf = &p->buf[i];
            break;
        case F_NET:
            memset(p->addr[i], 0, 4);
            p->addr[i][0] = 10;
            p->addr[i][1] = (uint8_t)seq;
            p->buf[i].len = 4;
            p->buf[i].ptr = p->addr[i];
            f->res.buf = &p->buf[i];
            break;
        case F_DIVISORS: {
            uint64_t n = 0;
            for (uint64_t d = 1; d <= 8; d++) {
                if (seq % d == 0) {
                    p->u64[i][n++] = d;
                }
            }
            f->res.u64 = p->u64[i];
            f->res_len = n;
            break;
        }
        case F_WORDS:
            snprintf(p->text[i][0], sizeof(p->text[i][0]), "seq-%" PRIu64, seq);
            snprintf(p->text[i][1], sizeof(p->text[i][1]), "%s", seq % 2 == 0 ? "even" : "odd");
            p->strs[i][0] = p->text[i][0];
            p->strs[i][1] = p->text[i][1];
            f->res.str = p->strs[i];
            f->res_len = 2;
            break;
        case F_BYTE:
            if (!f->arg_present) {
                snprintf(p->last_error, sizeof(p->last_error), "fields.byte needs an index argument");
                return SS_PLUGIN_FAILURE;
            }
            if (f->arg_index >= size) {
                f->res_len = 0; /* no such byte: no value */
                break;
            }
            p->u64[i][0] = payload[f->arg_index];
            f->res.u64 = p->u64[i];
            break;
        case F_LABEL:
            if (f->arg_present && f->arg_key) {
                snprintf(p->text[i][0], sizeof(p->text[i][0]), "%s:%" PRIu64, f->arg_key, seq);
            } else {
                snprintf(p->text[i][0], sizeof(p->text[i][0]), "%" PRIu64, seq);
            }
            p->strs[i][0] = p->text[i][0];
            f->res.str = p->strs[i];
            break;
        }
        /* fields.seq is the payload's first 8 bytes; computed values have no place: 0 and 0. */
        p->offset_start[i] = id == F_SEQ ? SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET : 0;
        p->offset_length[i] = id == F_SEQ ? 8 : 0;
    }
    if (in->value_offsets) {
        in->value_offsets->start = p->offset_start;
        in->value_offsets->length = p->offset_length;
    }
    return SS_PLUGIN_SUCCESS;
}
