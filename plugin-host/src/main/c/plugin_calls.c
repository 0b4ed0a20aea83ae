/*
 * plugin_calls: calls a plugin function through its address, as JNI methods of DirectCalls.
 * These are the per-event paths (extract_fields, parse_event, next_batch): a JNI call costs
 * about 15 ns here, where JNA's direct mapping (libffi behind it) cost about 250 ns, which was
 * most of a replayed event's time. Every argument is an address the host owns or got from the
 * plugin; nothing is kept here.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>

#include "table_digest.h"

typedef int32_t (*three_fn)(void *, void *, void *);
typedef int32_t (*four_fn)(void *, void *, void *, void *);

#define PTR(x) ((void *)(intptr_t)(x))

/* extract_fields(state, event_input, extract_input) and parse_event(state, event_input, parse_input). */
JNIEXPORT jint JNICALL Java_dev_scapula_plugin_call_DirectCalls_call3(JNIEnv *env, jclass cls, jlong fn, jlong a,
                                                                     jlong b, jlong c) {
    (void)env;
    (void)cls;
    return ((three_fn)(intptr_t)fn)(PTR(a), PTR(b), PTR(c));
}

/* next_batch(state, instance, uint32_t* nevts, ss_plugin_event*** evts). */
JNIEXPORT jint JNICALL Java_dev_scapula_plugin_call_DirectCalls_call4(JNIEnv *env, jclass cls, jlong fn, jlong a,
                                                                     jlong b, jlong c, jlong d) {
    (void)env;
    (void)cls;
    return ((four_fn)(intptr_t)fn)(PTR(a), PTR(b), PTR(c), PTR(d));
}

/*
 * next_batch(state, instance, &nevts, &evts) with what the host reads after it, in the same call:
 * out[0] = nevts, out[1] = the event array, out[2] = 1 when out[3 + 2i] holds event i's address
 * and out[4 + 2i] its u32 len read as a signed int (0 for a NULL event), which needs room for
 * 3 + 2 * nevts longs and an array that is not NULL; 0 otherwise. With one event per batch this
 * is one JNI call where reading the count, the array and the length through JNA took five.
 */
#define EVENT_LEN_OFFSET 16 /* the event header: u64 ts, u64 tid, u32 len, ... */

JNIEXPORT jint JNICALL Java_dev_scapula_plugin_call_DirectCalls_nextBatch(JNIEnv *env, jclass cls, jlong fn,
                                                                         jlong state, jlong instance,
                                                                         jlongArray out) {
    (void)cls;
    uint32_t n = 0;
    void **evts = NULL;
    jint rc = ((four_fn)(intptr_t)fn)(PTR(state), PTR(instance), &n, (void *)&evts);
    jlong head[3] = {(jlong)n, (jlong)(intptr_t)evts, 0};
    jsize room = (*env)->GetArrayLength(env, out);
    if (evts != NULL && n > 0 && (jlong)n <= ((jlong)room - 3) / 2) {
        /* Copied out in chunks through a stack buffer, not GetPrimitiveArrayCritical: holding off the
         * collector once per batch made recording 1M one-event batches take 30 % more CPU and
         * 15 MB more peak RSS (A/B, 5 runs each). */
        jlong chunk[2 * 64];
        for (uint32_t from = 0; from < n; from += 64) {
            uint32_t count = n - from < 64 ? n - from : 64;
            for (uint32_t i = 0; i < count; i++) {
                const unsigned char *e = evts[from + i];
                int32_t len = 0;
                if (e != NULL) {
                    memcpy(&len, e + EVENT_LEN_OFFSET, sizeof len);
                }
                chunk[2 * i] = (jlong)(intptr_t)e;
                chunk[2 * i + 1] = (jlong)len;
            }
            (*env)->SetLongArrayRegion(env, out, 3 + 2 * (jsize)from, 2 * (jsize)count, chunk);
        }
        head[2] = 1;
    }
    (*env)->SetLongArrayRegion(env, out, 0, 3, head);
    return rc;
}

/* table_digest.c's digest of one table; the argument is its digest_call. */
JNIEXPORT jint JNICALL Java_dev_scapula_plugin_call_DirectCalls_digestTable(JNIEnv *env, jclass cls, jlong call) {
    (void)env;
    (void)cls;
    return digest_table(PTR(call));
}

/*
 * The recorder's fast path: next_batch called up to a number of times, and each event that passes
 * the source engine's checks copied straight into the capture writer's staging memory as a whole
 * event block, stamped as libscap's source engine stamps it, in one JNI call. With one event per
 * batch this replaces the JNI calls and Java work around every event; anything unusual (an event
 * that fails a check, a budget reached, no room) stops it there, and the host hands the rest of
 * that batch to its ordinary per-event path, which reports or handles it exactly as before.
 *
 * These offsets and values mirror the Java descriptors, which name this file where they are used:
 * EventHeader (ts, tid, len, type, nparams), PluginEventLayout (the two u32 lengths, plugin id,
 * payload), BlockType.EVENT_V2_LARGE and CaptureWriter's event block (u32 type, u32 total, u16
 * cpuid 0, the event, zero padding to 4, u32 total). PluginEventCheck holds the checks' rules.
 */
#include <time.h>

#define EV_TS 0
#define EV_TID 8
#define EV_TYPE 20
#define EV_NPARAMS 22
#define PEV_ID_LEN 26
#define PEV_PAYLOAD_LEN 30
#define PEV_ID 34
#define PEV_PAYLOAD 38
#define PEV_TYPE 322
#define BLOCK_EVENT_V2_LARGE 0x221
#define BLOCK_FRAMING 14 /* u32 type, u32 total, u16 cpuid ... u32 total */
#define MAX_BATCH (1u << 20) /* SourceInstance.MAX_BATCH: a larger count is left to it to refuse */

/* The slots of the io array: what is asked, then what was done (StagedBatches names them). */
enum {
    IO_DEST, IO_ROOM, IO_MAX_EVENTS, IO_MAX_BYTES, IO_TS_LIMIT, IO_MAX_CALLS, IO_PLUGIN_ID, IO_STAMP,
    IO_RC, IO_EVENTS, IO_BYTES, IO_ARRAY, IO_COUNT, IO_INDEX, IO_CALLS, IO_SLOTS
};

static uint64_t realtime_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static uint32_t u32_at(const unsigned char *p, int off) {
    uint32_t v;
    memcpy(&v, p + off, sizeof v);
    return v;
}

/* PluginEventCheck's rules, without the messages: 0 when the event would fail it. */
static int passes_check(const unsigned char *e, int32_t len, uint32_t plugin_id) {
    uint16_t type;
    if (len < PEV_PAYLOAD) {
        return 0;
    }
    memcpy(&type, e + EV_TYPE, sizeof type);
    uint32_t id = u32_at(e, PEV_ID);
    return type == PEV_TYPE && u32_at(e, EV_NPARAMS) == 2 && u32_at(e, PEV_ID_LEN) == 4
           && u32_at(e, PEV_PAYLOAD_LEN) == (uint32_t)(len - PEV_PAYLOAD) && (id == 0 || id == plugin_id);
}

/* Writes the event block for e at dest, stamped; returns its length. */
static uint64_t write_block(unsigned char *dest, const unsigned char *e, int32_t len, uint64_t ts, uint32_t plugin_id) {
    uint32_t body = 2 + (uint32_t)len;
    uint32_t pad = (4 - (body & 3)) & 3;
    uint32_t total = BLOCK_FRAMING + (uint32_t)len + pad;
    uint32_t type = BLOCK_EVENT_V2_LARGE;
    uint16_t cpuid = 0;
    int64_t tid = -1;
    memcpy(dest, &type, 4);
    memcpy(dest + 4, &total, 4);
    memcpy(dest + 8, &cpuid, 2);
    unsigned char *ev = dest + 10;
    memcpy(ev, e, (size_t)len);
    memcpy(ev + EV_TS, &ts, 8);
    memcpy(ev + EV_TID, &tid, 8);
    memcpy(ev + PEV_ID, &plugin_id, 4);
    memset(ev + len, 0, pad);
    memcpy(ev + len + pad, &total, 4);
    return total;
}

JNIEXPORT jint JNICALL Java_dev_scapula_plugin_call_DirectCalls_nextBatchesInto(JNIEnv *env, jclass cls, jlong fn,
                                                                               jlong state, jlong instance,
                                                                               jlongArray io_array) {
    (void)cls;
    jlong io[IO_SLOTS];
    (*env)->GetLongArrayRegion(env, io_array, 0, IO_SLOTS, io);
    unsigned char *dest = PTR(io[IO_DEST]);
    uint64_t room = (uint64_t)io[IO_ROOM];
    uint64_t max_events = (uint64_t)io[IO_MAX_EVENTS];
    uint64_t max_bytes = (uint64_t)io[IO_MAX_BYTES];
    uint64_t ts_limit = (uint64_t)io[IO_TS_LIMIT];
    uint64_t max_calls = (uint64_t)io[IO_MAX_CALLS];
    uint32_t plugin_id = (uint32_t)io[IO_PLUGIN_ID];
    uint64_t stamp = (uint64_t)io[IO_STAMP];
    uint64_t events = 0, bytes = 0, calls = 0;
    uint32_t n = 0, i = 0;
    void **evts = NULL;
    jint rc = 0;
    while (calls < max_calls) {
        n = 0;
        evts = NULL;
        rc = ((four_fn)(intptr_t)fn)(PTR(state), PTR(instance), &n, (void *)&evts);
        calls++;
        i = 0;
        if (rc != 0 && rc != -1 && rc != 2) { /* not SUCCESS, TIMEOUT or EOF: the host throws */
            break;
        }
        if (n > MAX_BATCH || (n > 0 && evts == NULL)) {
            break;
        }
        for (; i < n; i++) {
            const unsigned char *e = evts[i];
            int32_t len;
            uint64_t ts;
            if (e == NULL || events >= max_events || bytes >= max_bytes) {
                break;
            }
            memcpy(&len, e + EVENT_LEN_OFFSET, sizeof len);
            if (!passes_check(e, len, plugin_id) || room - bytes < (uint64_t)len + BLOCK_FRAMING + 3) {
                break;
            }
            memcpy(&ts, e + EV_TS, sizeof ts);
            if (ts == UINT64_MAX) {
                ts = stamp != UINT64_MAX ? stamp : realtime_ns(); /* UINT64_MAX: the system clock, per event */
            }
            if (ts >= ts_limit) {
                break;
            }
            bytes += write_block(dest + bytes, e, len, ts, plugin_id);
            events++;
        }
        if (i < n || rc != 0 || events >= max_events || bytes >= max_bytes) {
            break;
        }
    }
    io[IO_RC] = rc;
    io[IO_EVENTS] = (jlong)events;
    io[IO_BYTES] = (jlong)bytes;
    io[IO_ARRAY] = (jlong)(intptr_t)evts;
    io[IO_COUNT] = (jlong)n;
    io[IO_INDEX] = (jlong)i;
    io[IO_CALLS] = (jlong)calls;
    (*env)->SetLongArrayRegion(env, io_array, IO_RC, IO_SLOTS - IO_RC, io + IO_RC);
    return rc;
}

/*
 * extract_fields(state, event_input, extract_input), then its results copied into out in one go,
 * so that a caller comparing extractions compares bytes instead of reading every value through
 * its own call. kinds holds, per field of the call, the type code the host asked for, with bit
 * 31 set for a list field (the host's own record, not the field array, which the plugin could
 * have written to). out (cap bytes): 0 i32 bytes used after the 8-byte header, or -1 when the
 * results were not copied (the host reads them itself and reports what is wrong: a count out of
 * range, a NULL result or string, an address of another length than 4 or 16, or no room); then
 * per field: u32 section length (the bytes after these 8) | u32 count | the values: u64 for
 * uint64, reltime and abstime, one byte 0 or 1 for bool, u32 length and the bytes of a string
 * (without its NUL), one byte length and the bytes of an address.
 */
#define COPY_MAX_VALUES 1000000u
#define COPY_LIST_BIT 0x80000000u
#define COPY_FIELD 64

static int copy_results(const uint8_t *input, const uint32_t *kinds, uint8_t *out, int32_t cap) {
    uint32_t count = *(const uint32_t *)(input + 16);
    const uint8_t *fields = *(const uint8_t *const *)(input + 24);
    uint8_t *p = out + 8;
    uint8_t *end = out + cap;
    for (uint32_t j = 0; j < count; j++) {
        const uint8_t *f = fields + (size_t)j * COPY_FIELD;
        const uint8_t *res = *(const uint8_t *const *)f;
        uint64_t n = *(const uint64_t *)(f + 8);
        uint32_t type = kinds[j] & ~COPY_LIST_BIT;
        int list = (kinds[j] & COPY_LIST_BIT) != 0;
        if (n > COPY_MAX_VALUES || (n > 1 && !list) || (n > 0 && res == NULL) || end - p < 8) {
            return -1;
        }
        uint8_t *section = p;
        p += 8;
        for (uint64_t v = 0; v < n; v++) {
            switch (type) {
            case 8: case 20: case 21:
                if (end - p < 8) {
                    return -1;
                }
                memcpy(p, res + 8 * v, 8);
                p += 8;
                break;
            case 25:
                if (end - p < 1) {
                    return -1;
                }
                *p++ = *(const uint32_t *)(res + 4 * v) != 0;
                break;
            case 9: {
                const char *s = *(const char *const *)(res + 8 * v);
                if (s == NULL) {
                    return -1;
                }
                size_t len = strlen(s);
                if (len > INT32_MAX || (size_t)(end - p) < 4 + len) {
                    return -1;
                }
                uint32_t l = (uint32_t)len;
                memcpy(p, &l, 4);
                memcpy(p + 4, s, len);
                p += 4 + len;
                break;
            }
            default: {
                const uint8_t *buf = res + 16 * v;
                uint32_t len = *(const uint32_t *)buf;
                const uint8_t *data = *(const uint8_t *const *)(buf + 8);
                if ((len != 4 && len != 16) || data == NULL || (size_t)(end - p) < 1 + len) {
                    return -1;
                }
                *p++ = (uint8_t)len;
                memcpy(p, data, len);
                p += len;
            }
            }
        }
        uint32_t length = (uint32_t)(p - section - 8);
        uint32_t n32 = (uint32_t)n;
        memcpy(section, &length, 4);
        memcpy(section + 4, &n32, 4);
    }
    return (int)(p - out - 8);
}

JNIEXPORT jint JNICALL Java_dev_scapula_plugin_call_DirectCalls_extractCopy(JNIEnv *env, jclass cls, jlong fn,
                                                                           jlong state, jlong event, jlong input,
                                                                           jlong kinds, jlong out, jint cap) {
    (void)env;
    (void)cls;
    int32_t rc = ((three_fn)(intptr_t)fn)(PTR(state), PTR(event), PTR(input));
    int32_t used = rc == 0 ? copy_results(PTR(input), PTR(kinds), PTR(out), cap) : -1;
    memcpy(PTR(out), &used, 4);
    return rc;
}

/* memcpy(to, from, length): copying an event out of the reader's block is one call, not a read and a write. */
JNIEXPORT void JNICALL Java_dev_scapula_plugin_call_DirectCalls_copyMemory(JNIEnv *env, jclass cls, jlong from,
                                                                          jlong to, jlong length) {
    (void)env;
    (void)cls;
    memcpy(PTR(to), PTR(from), (size_t)length);
}

/*
 * extractCopy's call made twice in a row on one event, as verify's second extraction does, in one
 * crossing from Java. out: 0 i32 bytes used by the first results (-1: not copied) | 4 i32 calls
 * made (1: the second was not made, because the first failed, was not copied, or left less than
 * 16 bytes) | 8 the first results; then at 8 + used: i32 bytes used by the second (-1: not
 * copied) | i32 the second call's return code | the second results.
 */
JNIEXPORT jint JNICALL Java_dev_scapula_plugin_call_DirectCalls_extractCopyTwice(JNIEnv *env, jclass cls, jlong fn,
                                                                                jlong state, jlong event,
                                                                                jlong input, jlong kinds, jlong out,
                                                                                jint cap) {
    (void)env;
    (void)cls;
    uint8_t *first = PTR(out);
    int32_t rc = ((three_fn)(intptr_t)fn)(PTR(state), PTR(event), PTR(input));
    int32_t used = rc == 0 ? copy_results(PTR(input), PTR(kinds), first, cap) : -1;
    int32_t calls = 1;
    memcpy(first, &used, 4);
    if (used >= 0 && cap - 8 - used >= 16) {
        uint8_t *second = first + 8 + used;
        int32_t rc2 = ((three_fn)(intptr_t)fn)(PTR(state), PTR(event), PTR(input));
        int32_t used2 = rc2 == 0 ? copy_results(PTR(input), PTR(kinds), second, cap - 8 - used) : -1;
        memcpy(second, &used2, 4);
        memcpy(second + 4, &rc2, 4);
        calls = 2;
    }
    memcpy(first + 4, &calls, 4);
    return rc;
}
