/*
 * counter: a Falco event-source plugin whose events are fully determined by its open params,
 * so that two recordings with the same params are byte-identical.
 *
 * Teaches: the event-source capability (open, next_batch, get_progress, close) and how to lay
 * out a plugin event (code 322) by hand, in batches the plugin owns until the next call.
 *
 * Open params: "count=N;size=N;batch=N;start=NS;fail_at=N" (any order, ';' or ',' between, all optional)
 *   count    events before EOF            (default 1000)
 *   size     payload bytes per event, >= 8 (default 64)
 *   batch    events per next_batch call   (default 128)
 *   start    timestamp of event 0, in ns  (default 1700000000000000000); event i is start + i*1000
 *   fail_at  after handing out this many events, next_batch fails with a last error, as a plugin
 *            whose data source breaks mid-stream (default: never)
 *
 * Payload of event i: u64 little-endian i, then bytes (i + j) & 0xff up to size.
 *
 * The test fixture counter_partial (../../fixtures) compiles this file with next_batch renamed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scapula_plugin.h"

#define COUNTER_ID 9001
#define COUNTER_SOURCE "counter"

typedef struct counter_plugin {
    char last_error[1024];
    char text[128]; /* event_to_string's result, valid until the next call */
} counter_plugin;

typedef struct counter_instance {
    uint64_t count;
    uint32_t size;
    uint32_t batch;
    uint64_t start;
    uint64_t fail_at; /* UINT64_MAX: never */
    uint64_t next;
    uint8_t *events;        /* batch events laid out back to back */
    ss_plugin_event **ptrs; /* what next_batch hands out */
    char text[128];
} counter_instance;

const char *plugin_get_required_api_version(void) { return "3.0.0"; }
const char *plugin_get_version(void) { return "0.1.0"; }
const char *plugin_get_name(void) { return "counter"; }
const char *plugin_get_description(void) { return "Deterministic counter events for testing captures"; }
const char *plugin_get_contact(void) { return "scapula sample plugins <samples@scapula.invalid>"; }
uint32_t plugin_get_id(void) { return COUNTER_ID; }
const char *plugin_get_event_source(void) { return COUNTER_SOURCE; }

const char *plugin_get_last_error(ss_plugin_t *s) {
    counter_plugin *p = s;
    return p->last_error[0] ? p->last_error : NULL;
}

ss_plugin_t *plugin_init(const ss_plugin_init_input *in, ss_plugin_rc *rc) {
    (void)in;
    counter_plugin *p = calloc(1, sizeof(*p));
    *rc = p ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
    return p;
}

void plugin_destroy(ss_plugin_t *s) { free(s); }

const char *plugin_list_open_params(ss_plugin_t *s, ss_plugin_rc *rc) {
    (void)s;
    *rc = SS_PLUGIN_SUCCESS;
    return "[{\"value\":\"count=1000;size=64\",\"desc\":\"1000 events of 64 bytes\"},"
           "{\"value\":\"count=1000000;size=4096;batch=128\",\"desc\":\"a million 4 KiB events\"}]";
}

/* Reads one "key=value" number from the params; returns 0 when the key is absent. */
static int param(const char *params, const char *key, uint64_t *out, char *err) {
    size_t klen = strlen(key);
    for (const char *p = params; p && *p; p++) {
        if ((p == params || p[-1] == ';' || p[-1] == ',' || p[-1] == ' ') && strncmp(p, key, klen) == 0 &&
            p[klen] == '=') {
            char *end;
            *out = strtoull(p + klen + 1, &end, 10);
            if (end == p + klen + 1 || (*end && *end != ';' && *end != ',')) {
                snprintf(err, 1024, "open params: %s must be a number in \"%s\"", key, params);
                return -1;
            }
            return 1;
        }
    }
    return 0;
}

ss_instance_t *plugin_open(ss_plugin_t *s, const char *params, ss_plugin_rc *rc) {
    counter_plugin *p = s;
    uint64_t count = 1000, size = 64, batch = 128, start = 1700000000000000000ULL, fail_at = UINT64_MAX;
    p->last_error[0] = 0;
    if (param(params, "count", &count, p->last_error) < 0 || param(params, "size", &size, p->last_error) < 0 ||
        param(params, "batch", &batch, p->last_error) < 0 || param(params, "start", &start, p->last_error) < 0 ||
        param(params, "fail_at", &fail_at, p->last_error) < 0) {
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    if (size < 8 || size > (1u << 24) || batch < 1 || batch > 65536) {
        snprintf(p->last_error, sizeof(p->last_error),
                 "open params: size must be 8..16777216 and batch 1..65536 (got size=%" PRIu64 " batch=%" PRIu64 ")",
                 size, batch);
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    counter_instance *c = calloc(1, sizeof(*c));
    size_t event_len = SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + size;
    if (c) {
        c->events = malloc(event_len * batch);
        c->ptrs = malloc(sizeof(*c->ptrs) * batch);
    }
    if (!c || !c->events || !c->ptrs) {
        snprintf(p->last_error, sizeof(p->last_error), "out of memory for %" PRIu64 " events", batch);
        if (c) {
            free(c->events);
            free(c->ptrs);
            free(c);
        }
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    c->count = count;
    c->size = (uint32_t)size;
    c->batch = (uint32_t)batch;
    c->start = start;
    c->fail_at = fail_at;
    *rc = SS_PLUGIN_SUCCESS;
    return c;
}

void plugin_close(ss_plugin_t *s, ss_instance_t *h) {
    (void)s;
    counter_instance *c = h;
    if (c) {
        free(c->events);
        free(c->ptrs);
        free(c);
    }
}

/* Lays out event number i at dst: header, two u32 lengths, plugin id, payload. */
static void encode(counter_instance *c, uint64_t i, uint8_t *dst) {
    ss_plugin_event hdr = {c->start + i * 1000, UINT64_MAX, SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + c->size,
                           SCAPULA_PLUGIN_EVENT, 2};
    uint32_t lens[2] = {4, c->size};
    uint32_t id = COUNTER_ID;
    memcpy(dst, &hdr, sizeof(hdr));
    memcpy(dst + SCAPULA_PLUGIN_EVENT_LENGTHS, lens, sizeof(lens));
    memcpy(dst + SCAPULA_PLUGIN_EVENT_PLUGIN_ID, &id, sizeof(id));
    uint8_t *payload = dst + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET;
    memcpy(payload, &i, sizeof(i));
    for (uint32_t j = 8; j < c->size; j++) {
        payload[j] = (uint8_t)(i + j);
    }
}

ss_plugin_rc plugin_next_batch(ss_plugin_t *s, ss_instance_t *h, uint32_t *nevts, ss_plugin_event ***evts) {
    counter_plugin *p = s;
    counter_instance *c = h;
    size_t event_len = SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + c->size;
    uint32_t n = 0;
    if (c->next >= c->fail_at && c->next < c->count) {
        snprintf(p->last_error, sizeof(p->last_error), "data source lost after %" PRIu64 " events (fail_at=%" PRIu64 ")",
                 c->next, c->fail_at);
        *nevts = 0;
        return SS_PLUGIN_FAILURE;
    }
    while (n < c->batch && c->next < c->count && c->next < c->fail_at) {
        uint8_t *dst = c->events + n * event_len;
        encode(c, c->next++, dst);
        c->ptrs[n++] = (ss_plugin_event *)dst;
    }
    *nevts = n;
    *evts = c->ptrs;
    return n == 0 ? SS_PLUGIN_EOF : SS_PLUGIN_SUCCESS;
}

const char *plugin_get_progress(ss_plugin_t *s, ss_instance_t *h, uint32_t *progress_pct) {
    (void)s;
    counter_instance *c = h;
    uint64_t pct = c->count ? c->next * 100 / c->count : 100;
    *progress_pct = (uint32_t)(c->count ? c->next * 10000 / c->count : 10000);
    snprintf(c->text, sizeof(c->text), "%" PRIu64 "%%", pct);
    return c->text;
}

const char *plugin_event_to_string(ss_plugin_t *s, const ss_plugin_event_input *evt) {
    counter_plugin *p = s;
    const ss_plugin_event *e = evt->evt;
    uint32_t size = scapula_plugin_event_payload_len(e);
    uint64_t seq = 0;
    if (size >= 8) {
        memcpy(&seq, (const uint8_t *)e + SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET, sizeof(seq));
    }
    snprintf(p->text, sizeof(p->text), "seq=%" PRIu64 " size=%u", seq, size);
    return p->text;
}
