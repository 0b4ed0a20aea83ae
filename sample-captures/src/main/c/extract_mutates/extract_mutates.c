/*
 * extract_mutates (deliberately broken): a parser that counts counter events, whose field
 * also bumps that count while extracting, so extracting changes state and extracting the same
 * event twice gives two values.
 */
#include <stdlib.h>

#include "scapula_plugin.h"

typedef struct mutates_plugin {
    uint64_t seen;
    uint64_t result;
} mutates_plugin;

const char *plugin_get_required_api_version(void) { return "3.0.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "extract_mutates"; }
const char *plugin_get_description(void) { return "Broken on purpose: extraction changes the parser's state"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
const char *plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }
const char *plugin_get_parse_event_sources(void) { return "[\"counter\"]"; }
const char *plugin_get_last_error(ss_plugin_t *s) {
    (void)s;
    return NULL;
}

const char *plugin_get_fields(void) {
    return "[{\"type\":\"uint64\",\"name\":\"mutates.seen\",\"desc\":\"Events parsed (and, wrongly, extracted)\"}]";
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    mutates_plugin *p = calloc(1, sizeof(*p));
    *rc = p ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

ss_plugin_rc plugin_parse_event(ss_plugin_t *s, const ss_plugin_event_input *evt, const ss_plugin_event_parse_input *in) {
    (void)evt;
    (void)in;
    ((mutates_plugin *)s)->seen++;
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in) {
    (void)evt;
    mutates_plugin *p = s;
    for (uint32_t i = 0; i < in->num_fields; i++) {
        p->result = p->seen++; /* the bug: extraction must not change state */
        in->fields[i].res.u64 = &p->result;
        in->fields[i].res_len = 1;
    }
    return SS_PLUGIN_SUCCESS;
}
