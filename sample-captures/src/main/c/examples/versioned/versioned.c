/*
 * versioned: one extractor for counter events, built as four releases (see "variants"):
 *   1.0.0        versioned.seq (the sequence number) and versioned.parity ("even" / "odd")
 *   1.1.0        adds versioned.size                              -> a minor bump, declared right
 *   2.0.0        versioned.seq now counts from 1 (a new meaning)  -> a major bump, declared right
 *   1.0.1_wrong  the same change of meaning, declared as a patch  -> understated: needs 2.0.0
 *
 * Teaches: which change to a plugin's fields needs which version bump (semantic versioning as
 * "scapula diff" judges it); "scapula demo" diffs these releases.
 */
#include <stdlib.h>
#include <string.h>

#include "scapula_plugin.h"

#define STR2(x) #x
#define STR(x) STR2(x)

typedef struct versioned_plugin {
    uint64_t u64[8];
    const char *str[8];
} versioned_plugin;

const char *plugin_get_required_api_version(void) { return "3.0.0"; }
const char *plugin_get_version(void) { return STR(V_MAJOR) "." STR(V_MINOR) "." STR(V_PATCH); }
const char *plugin_get_name(void) { return "versioned"; }
const char *plugin_get_description(void) { return "One extractor released four times, for version diffs"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
const char *plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }
const char *plugin_get_last_error(ss_plugin_t *s) {
    (void)s;
    return NULL;
}

const char *plugin_get_fields(void) {
    return "["
           "{\"type\":\"uint64\",\"name\":\"versioned.seq\",\"desc\":\"Sequence number of the event\"},"
           "{\"type\":\"string\",\"name\":\"versioned.parity\",\"desc\":\"even or odd\"}"
#ifdef WITH_SIZE_FIELD
           ",{\"type\":\"uint64\",\"name\":\"versioned.size\",\"desc\":\"Payload size in bytes\"}"
#endif
           "]";
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    versioned_plugin *p = calloc(1, sizeof(*p));
    *rc = p ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    versioned_plugin *p = s;
    const uint8_t *e = (const uint8_t *)evt->evt;
    uint32_t size = scapula_plugin_event_payload_len(evt->evt);
    uint64_t seq = 0;
    if (size >= 8) {
        memcpy(&seq, e + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, sizeof(seq));
    }
#ifdef SEQ_COUNTS_FROM_ONE
    seq += 1;
#endif
    for (uint32_t i = 0; i < in->num_fields && i < 8; i++) {
        ss_plugin_extract_field *f = &in->fields[i];
        f->res_len = 1;
        if (f->field_id == 1) {
            p->str[i] = seq % 2 == 0 ? "even" : "odd";
            f->res.str = &p->str[i];
        } else {
            p->u64[i] = f->field_id == 0 ? seq : size;
            f->res.u64 = &p->u64[i];
        }
    }
    return SS_PLUGIN_SUCCESS;
}
