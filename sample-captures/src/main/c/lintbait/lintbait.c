/*
 * lintbait: a tiny event source and extractor whose identity and self-description come from
 * compiler flags, so one readable source yields the plugins "scapula lint" must judge: a clean
 * one and several that break one release rule each (see the "variants" file).
 *
 * Events: LB_EVENTS events, each with a u64 sequence number as payload. Field: <prefix>.seq.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scapula_plugin.h"

#ifndef LB_NAME
#define LB_NAME "lint_clean"
#endif
#ifndef LB_ID
#define LB_ID 9100
#endif
#ifndef LB_SOURCE
#define LB_SOURCE "lintbait"
#endif
#ifndef LB_API
#define LB_API "3.10.0"
#endif
#ifndef LB_VERSION
#define LB_VERSION "0.1.0"
#endif
#ifndef LB_CONTACT
#define LB_CONTACT "https://example.invalid/scapula/lintbait"
#endif
#ifndef LB_DESCRIPTION
#define LB_DESCRIPTION "A sample plugin for scapula lint's tests"
#endif
#define LB_EVENTS 50

#ifdef LB_SLOPPY_FIELDS
/* Duplicated name, no description, unknown type, an index-and-key argument, a second prefix. */
#define LB_FIELDS                                                                                     \
    "[{\"type\":\"uint64\",\"name\":\"lint.seq\",\"desc\":\"Sequence number\"},"                        \
    "{\"type\":\"uint64\",\"name\":\"lint.seq\",\"desc\":\"Sequence number again\"},"                   \
    "{\"type\":\"int32\",\"name\":\"lint.small\",\"desc\":\"\"},"                                      \
    "{\"type\":\"uint64\",\"name\":\"lint.pick\",\"desc\":\"A byte\",\"arg\":{\"isIndex\":true,\"isKey\":true}}," \
    "{\"type\":\"string\",\"name\":\"other.name\",\"desc\":\"Another prefix\",\"properties\":[\"shiny\"]}]"
#else
#define LB_FIELDS "[{\"type\":\"uint64\",\"name\":\"lint.seq\",\"desc\":\"Sequence number of the event\"}]"
#endif

typedef struct lint_plugin {
    uint64_t value;
} lint_plugin;

typedef struct lint_instance {
    uint64_t next;
    uint8_t event[SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + 8];
    ss_plugin_event *ptr;
} lint_instance;

const char *plugin_get_required_api_version(void) { return LB_API; }
const char *plugin_get_version(void) { return LB_VERSION; }
const char *plugin_get_name(void) { return LB_NAME; }
const char *plugin_get_description(void) { return LB_DESCRIPTION; }
const char *plugin_get_contact(void) { return LB_CONTACT; }
uint32_t plugin_get_id(void) { return LB_ID; }
const char *plugin_get_event_source(void) { return LB_SOURCE; }
const char *plugin_get_fields(void) { return LB_FIELDS; }
const char *plugin_get_last_error(ss_plugin_t *s) {
    (void)s;
    return NULL;
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    *rc = SS_PLUGIN_SUCCESS;
    return calloc(1, sizeof(lint_plugin));
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

ss_instance_t *plugin_open(ss_plugin_t *s, const char *params, ss_plugin_rc *rc) {
    (void)s;
    (void)params;
    lint_instance *i = calloc(1, sizeof(*i));
    *rc = i ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return i;
}

void plugin_close(ss_plugin_t *s, ss_instance_t *h) {
    (void)s;
    free(h);
}

ss_plugin_rc plugin_next_batch(ss_plugin_t *s, ss_instance_t *h, uint32_t *nevts, ss_plugin_event ***evts) {
    (void)s;
    lint_instance *i = h;
    if (i->next >= LB_EVENTS) {
        *nevts = 0;
        return SS_PLUGIN_EOF;
    }
    /* A plugin event: header, two parameter lengths, plugin id 0 (the host sets it), payload. */
    ss_plugin_event *e = (ss_plugin_event *)i->event;
    e->ts = 1700000000000000000ULL + i->next * 1000;
    e->tid = (uint64_t)-1;
    e->len = sizeof(i->event);
    e->type = SCAPULA_PLUGIN_EVENT;
    e->nparams = 2;
    uint32_t lens[2] = {4, 8};
    uint32_t id = 0;
    memcpy(i->event + SCAPULA_PLUGIN_EVENT_LENGTHS, lens, sizeof(lens));
    memcpy(i->event + SCAPULA_PLUGIN_EVENT_PLUGIN_ID, &id, sizeof(id));
    memcpy(i->event + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, &i->next, 8);
    i->next++;
    i->ptr = e;
    *nevts = 1;
    *evts = &i->ptr;
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    lint_plugin *p = s;
    for (uint32_t k = 0; k < in->num_fields; k++) {
        in->fields[k].res_len = 0;
        if (in->fields[k].field_id == 0 && evt->evt->len >= SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + 8) {
            memcpy(&p->value, (const uint8_t *)evt->evt + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, 8);
            in->fields[k].res.u64 = &p->value;
            in->fields[k].res_len = 1;
        }
    }
    return SS_PLUGIN_SUCCESS;
}

#ifdef LB_NEWER_SYMBOLS
/* Functions of API 3.6 (metrics) and 3.7 (capture listening), whatever LB_API declares. */
void *plugin_get_metrics(ss_plugin_t *s, uint32_t *num_metrics) {
    (void)s;
    *num_metrics = 0;
    return NULL;
}

ss_plugin_rc plugin_capture_open(ss_plugin_t *s, const ss_plugin_capture_listen_input *in) {
    (void)s;
    (void)in;
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_capture_close(ss_plugin_t *s, const ss_plugin_capture_listen_input *in) {
    (void)s;
    (void)in;
    return SS_PLUGIN_SUCCESS;
}
#endif
