// The request slots shared between the host's calling thread (C) and the worker goroutine (Go).
#pragma once
#include <stdatomic.h>
#include "scapula_plugin.h"

enum { SLOT_UNUSED = 0, SLOT_WAIT = 1, SLOT_REQUEST = 2 };
#define GOWORKER_SLOTS 16

typedef struct goworker_slot {
    atomic_int state;
    ss_plugin_t *s;
    const ss_plugin_event_input *evt;
    uint32_t num_fields;
    ss_plugin_extract_field *fields;
    int32_t rc;
} goworker_slot;

// One slot per live instance of this library (and so of its Go runtime); the instance's state
// holds its index.
extern goworker_slot goworker_slots[GOWORKER_SLOTS];
int goworker_slot_index(ss_plugin_t *s);
