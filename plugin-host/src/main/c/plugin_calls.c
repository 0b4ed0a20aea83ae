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
