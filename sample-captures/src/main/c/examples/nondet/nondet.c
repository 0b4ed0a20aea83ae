/*
 * nondet (deliberately broken): an extractor whose values depend on how often it was called
 * and on the clock, not only on the event. verify must catch both fields.
 *
 * Teaches: the two commonest ways an extractor stops being deterministic, a counter kept across
 * calls and the clock, so that plugin authors recognise them; "scapula demo" shows verify
 * catching it. Never copy its fields.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scapula_plugin.h"

typedef struct nondet_plugin {
    uint64_t calls;
    uint64_t results[4];
} nondet_plugin;

const char *plugin_get_required_api_version(void) { return "3.0.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "nondet"; }
const char *plugin_get_description(void) { return "Broken on purpose: values from a call counter and the clock"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
const char *plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }
const char *plugin_get_last_error(ss_plugin_t *s) {
    (void)s;
    return NULL;
}

const char *plugin_get_fields(void) {
    return "["
           "{\"type\":\"uint64\",\"name\":\"nondet.seq\",\"desc\":\"Sequence number (deterministic)\"},"
           "{\"type\":\"uint64\",\"name\":\"nondet.calls\",\"desc\":\"How many times extract_fields ran\"},"
           "{\"type\":\"abstime\",\"name\":\"nondet.clock\",\"desc\":\"The wall clock at extraction\"}"
           "]";
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    nondet_plugin *p = calloc(1, sizeof(*p));
    *rc = p ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    nondet_plugin *p = s;
    uint64_t seq = 0;
    memcpy(&seq, (const uint8_t *)evt->evt + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, sizeof(seq));
    p->calls++;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    for (uint32_t i = 0; i < in->num_fields && i < 4; i++) {
        ss_plugin_extract_field *f = &in->fields[i];
        uint64_t values[3] = {seq, p->calls, (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec};
        p->results[i] = f->field_id < 3 ? values[f->field_id] : 0;
        f->res.u64 = &p->results[i];
        f->res_len = 1;
    }
    return SS_PLUGIN_SUCCESS;
}
