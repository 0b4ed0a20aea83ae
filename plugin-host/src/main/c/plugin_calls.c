/*
 * plugin_calls: calls a plugin function through its address. The host binds these with JNA's
 * direct mapping (static native methods, primitive arguments), which costs a fraction of JNA's
 * generic Function.invoke on the per-event paths: extract_fields, parse_event and next_batch.
 * Every argument is an address the host owns or got from the plugin; nothing is kept here.
 */
#include <stdint.h>

typedef int32_t (*three_fn)(void *, void *, void *);
typedef int32_t (*four_fn)(void *, void *, void *, void *);

/* extract_fields(state, event_input, extract_input) and parse_event(state, event_input, parse_input). */
int32_t call3(int64_t fn, int64_t a, int64_t b, int64_t c) {
    return ((three_fn)(intptr_t)fn)((void *)(intptr_t)a, (void *)(intptr_t)b, (void *)(intptr_t)c);
}

/* next_batch(state, instance, uint32_t* nevts, ss_plugin_event*** evts). */
int32_t call4(int64_t fn, int64_t a, int64_t b, int64_t c, int64_t d) {
    return ((four_fn)(intptr_t)fn)((void *)(intptr_t)a, (void *)(intptr_t)b, (void *)(intptr_t)c,
                                   (void *)(intptr_t)d);
}
