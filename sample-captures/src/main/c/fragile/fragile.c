/*
 * fragile (deliberately broken): an extractor that trusts its input. A payload shorter than 8
 * bytes makes it read through a NULL pointer (a crash); a payload starting with 0xff makes it
 * return 5 values for a field that is not a list (garbage the host must refuse). Two 8-byte
 * magic prefixes, which random payloads practically never start with, break it in the other ways
 * an isolated host must survive: "HANG!!!!" loops forever, "HOGMEM!!" allocates without end.
 *
 * Built twice: "fragile" (extracts from "counter" events) and "fragile_anysource"
 * (-DANY_SOURCE), which declares no sources, so Falco hands it events of every source: the
 * plugin guide's case for an extractor that must survive arbitrary payloads.
 */
#include <stdlib.h>
#include <string.h>

#include "scapula_plugin.h"

typedef struct fragile_plugin {
    uint64_t results[5];
} fragile_plugin;

const char *plugin_get_required_api_version(void) { return "3.0.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "fragile"; }
const char *plugin_get_description(void) { return "Broken on purpose: crashes or returns garbage on bad payloads"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
#ifndef ANY_SOURCE
const char *plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }
#endif
const char *plugin_get_last_error(ss_plugin_t *s) {
    (void)s;
    return NULL;
}

const char *plugin_get_fields(void) {
    return "[{\"type\":\"uint64\",\"name\":\"fragile.first\",\"desc\":\"The payload's first 8 bytes\"}]";
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    fragile_plugin *p = calloc(1, sizeof(*p));
    *rc = p ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    fragile_plugin *p = s;
    const uint8_t *e = (const uint8_t *)evt->evt;
    uint32_t size = scapula_plugin_event_payload_len(evt->evt);
    const uint8_t *payload = size >= 8 ? e + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET : NULL;
    const volatile uint8_t *bytes = payload; /* volatile: the NULL read really happens, and crashes */
    uint64_t first = 0;
    for (int j = 0; j < 8; j++) {
        first |= (uint64_t)bytes[j] << (8 * j);
    }
    if (memcmp(payload, "HANG!!!!", 8) == 0) {
        for (volatile uint64_t spin = 0;; spin++) {
        }
    }
    if (memcmp(payload, "HOGMEM!!", 8) == 0) {
        for (;;) {
            size_t chunk = 64u << 20;
            char *m = malloc(chunk);
            if (m != NULL) {
                memset(m, 1, chunk); /* touched, so it is resident */
            }
        }
    }
    for (uint32_t i = 0; i < in->num_fields; i++) {
        p->results[0] = first;
        in->fields[i].res.u64 = p->results;
        in->fields[i].res_len = payload[0] == 0xff ? 5 : 1;
    }
    return SS_PLUGIN_SUCCESS;
}
