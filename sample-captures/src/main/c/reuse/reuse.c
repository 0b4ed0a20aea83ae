/*
 * reuse: a Falco extractor plugin for "counter" events that keeps one result buffer per field id
 * within an extract_fields call, as plugins built with the Go plugin SDK do. A call that asks for
 * one field twice (reuse.byte[0] and reuse.byte[9]) gets the last request's value in both: a
 * host must never put two requests with the same field id in one call. libsinsp asks for one
 * field per call and never meets this.
 *
 * counter payload: u64 little-endian sequence number, then (seq + j) & 0xff at byte j.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scapula_plugin.h"

enum { F_SEQ, F_BYTE, F_LABEL, F_COUNT };

/* Most fields one extract_fields call may ask for: value offsets are stored per requested field. */
#define MAX_REQUESTS 32

typedef struct reuse_plugin {
    char last_error[1024];
    /* One result slot per field id, valid until the next extract_fields call. */
    uint64_t u64[F_COUNT];
    char text[F_COUNT][64];
    const char *strs[F_COUNT];
    uint32_t offset_start[MAX_REQUESTS];
    uint32_t offset_length[MAX_REQUESTS];
} reuse_plugin;

const char *plugin_get_required_api_version(void) { return "3.11.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "reuse"; }
const char *plugin_get_description(void) { return "One result buffer per field id, as the Go plugin SDK keeps"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
const char *plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }

const char *plugin_get_fields(void) {
    return "["
           "{\"type\":\"uint64\",\"name\":\"reuse.seq\",\"desc\":\"Sequence number of the counter event\"},"
           "{\"type\":\"uint64\",\"name\":\"reuse.byte\",\"arg\":{\"isRequired\":true,\"isIndex\":true},"
           "\"desc\":\"The payload byte at the index argument\"},"
           "{\"type\":\"string\",\"name\":\"reuse.label\",\"arg\":{\"isRequired\":true,\"isKey\":true},"
           "\"desc\":\"KEY:seq for the key argument\"}"
           "]";
}

const char *plugin_get_last_error(ss_plugin_t *s) {
    reuse_plugin *p = s;
    return p->last_error[0] ? p->last_error : NULL;
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    reuse_plugin *p = calloc(1, sizeof(*p));
    *rc = p ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    reuse_plugin *p = s;
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
        if (id != F_SEQ && !f->arg_present) {
            snprintf(p->last_error, sizeof(p->last_error), "%s needs an argument", f->field);
            return SS_PLUGIN_FAILURE;
        }
        f->res_len = 1;
        p->offset_start[i] = 0;
        p->offset_length[i] = 0;
        switch (id) {
        case F_SEQ:
            p->u64[id] = seq;
            f->res.u64 = &p->u64[id];
            p->offset_start[i] = SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET;
            p->offset_length[i] = 8;
            break;
        case F_BYTE:
            if (f->arg_index >= size) {
                f->res_len = 0; /* no such byte: no value */
                break;
            }
            p->u64[id] = payload[f->arg_index];
            f->res.u64 = &p->u64[id];
            p->offset_start[i] = SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + (uint32_t)f->arg_index;
            p->offset_length[i] = 1;
            break;
        case F_LABEL:
            snprintf(p->text[id], sizeof(p->text[id]), "%s:%" PRIu64, f->arg_key ? f->arg_key : "", seq);
            p->strs[id] = p->text[id];
            f->res.str = &p->strs[id];
            break;
        }
    }
    if (in->value_offsets) {
        in->value_offsets->start = p->offset_start;
        in->value_offsets->length = p->offset_length;
    }
    return SS_PLUGIN_SUCCESS;
}
