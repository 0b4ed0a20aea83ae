/*
 * plugin_calls: calls a plugin function through its address, as JNI methods of DirectCalls.
 * These are the per-event paths (extract_fields, parse_event, next_batch): a JNI call costs
 * about 15 ns here, where JNA's direct mapping (libffi behind it) cost about 250 ns, which was
 * most of a replayed event's time. Every argument is an address the host owns or got from the
 * plugin; nothing is kept here.
 */
#include <jni.h>
#include <stdint.h>

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

/* table_digest.c's digest of one table; the argument is its digest_call. */
JNIEXPORT jint JNICALL Java_dev_scapula_plugin_call_DirectCalls_digestTable(JNIEnv *env, jclass cls, jlong call) {
    (void)env;
    (void)cls;
    return digest_table(PTR(call));
}
