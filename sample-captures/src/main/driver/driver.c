/*
 * driver: calls a plugin directly from C, the baseline scapula's host is measured against.
 *   driver extract PLUGIN.so NFIELDS N   extract_fields with NFIELDS fields (ids 0..NFIELDS-1), N times
 *   driver next_batch PLUGIN.so N [SIZE] a counter source's next_batch until N events of SIZE bytes (64)
 *   driver parse PLUGIN.so N             parse_event on one counter event, N times
 * Prints "ns_per_op=X" (per call, or per event for next_batch).
 */
#include <dlfcn.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scapula_plugin.h"

typedef ss_plugin_t *(*init_fn)(const ss_plugin_init_input *, ss_plugin_rc *);
typedef ss_plugin_rc (*extract_fn)(ss_plugin_t *, const ss_plugin_event_input *, const ss_plugin_field_extract_input *);
typedef ss_plugin_rc (*parse_fn)(ss_plugin_t *, const ss_plugin_event_input *, const ss_plugin_event_parse_input *);
typedef ss_instance_t *(*open_fn)(ss_plugin_t *, const char *, ss_plugin_rc *);
typedef ss_plugin_rc (*next_fn)(ss_plugin_t *, ss_instance_t *, uint32_t *, ss_plugin_event ***);

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void *sym(void *lib, const char *name) {
    void *f = dlsym(lib, name);
    if (!f) {
        fprintf(stderr, "driver: missing %s\n", name);
        exit(2);
    }
    return f;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: driver extract|next_batch|parse PLUGIN.so [NFIELDS] N\n");
        return 2;
    }
    void *lib = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "driver: %s\n", dlerror());
        return 2;
    }
    ss_plugin_rc rc;
    ss_plugin_init_input init = {"", NULL, NULL, NULL, NULL};
    ss_plugin_t *s = ((init_fn)sym(lib, "plugin_init"))(&init, &rc);
    if (rc != SS_PLUGIN_SUCCESS) {
        fprintf(stderr, "driver: init failed\n");
        return 2;
    }
    /* One counter event with a 64-byte payload, sequence number 7. */
    uint8_t event[SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET + 64] = {0};
    ss_plugin_event hdr = {1700000000000000000ULL, UINT64_MAX, sizeof(event), SCAPULA_PLUGIN_EVENT, 2};
    uint32_t lens[2] = {4, 64}, id = 9001;
    uint64_t seq = 7;
    memcpy(event, &hdr, sizeof(hdr));
    memcpy(event + 26, lens, sizeof(lens));
    memcpy(event + 34, &id, sizeof(id));
    memcpy(event + 38, &seq, sizeof(seq));
    ss_plugin_event_input in = {(const ss_plugin_event *)event, 1, "counter"};
    double start, per;
    if (strcmp(argv[1], "extract") == 0 && argc >= 5) {
        uint32_t nfields = (uint32_t)atoi(argv[3]);
        long n = atol(argv[4]);
        ss_plugin_extract_field fields[32];
        ss_plugin_field_extract_input ex;
        memset(&ex, 0, sizeof(ex));
        ex.num_fields = nfields;
        ex.fields = fields;
        extract_fn extract = (extract_fn)sym(lib, "plugin_extract_fields");
        start = now_ns();
        for (long i = 0; i < n; i++) {
            memset(fields, 0, sizeof(fields[0]) * nfields);
            for (uint32_t f = 0; f < nfields; f++) {
                fields[f].field_id = f;
                fields[f].ftype = SCAPULA_FTYPE_UINT64;
            }
            in.evtnum = (uint64_t)i + 1;
            if (extract(s, &in, &ex) != SS_PLUGIN_SUCCESS) {
                fprintf(stderr, "driver: extract failed\n");
                return 2;
            }
        }
        per = (now_ns() - start) / (double)n;
    } else if (strcmp(argv[1], "parse") == 0) {
        long n = atol(argv[3]);
        ss_plugin_event_parse_input pin;
        memset(&pin, 0, sizeof(pin));
        parse_fn parse = (parse_fn)sym(lib, "plugin_parse_event");
        start = now_ns();
        for (long i = 0; i < n; i++) {
            in.evtnum = (uint64_t)i + 1;
            parse(s, &in, &pin);
        }
        per = (now_ns() - start) / (double)n;
    } else if (strcmp(argv[1], "next_batch") == 0) {
        long n = atol(argv[3]);
        char params[128];
        long size = argc >= 5 ? atol(argv[4]) : 64;
        snprintf(params, sizeof(params), "count=%ld;size=%ld;batch=128", n, size);
        ss_instance_t *h = ((open_fn)sym(lib, "plugin_open"))(s, params, &rc);
        next_fn next = (next_fn)sym(lib, "plugin_next_batch");
        uint32_t got;
        ss_plugin_event **evts;
        long total = 0;
        start = now_ns();
        while (next(s, h, &got, &evts) == SS_PLUGIN_SUCCESS) {
            total += got;
        }
        per = (now_ns() - start) / (double)(total ? total : 1);
    } else {
        fprintf(stderr, "driver: unknown mode %s\n", argv[1]);
        return 2;
    }
    printf("ns_per_op=%.1f\n", per);
    return 0;
}
