// The host-facing extract entry point: hands the request to the worker goroutine through the
// instance's slot and spins until it is served, without entering Go, as the Go plugin SDK's
// async extraction does; falls back to a direct call into Go when the slot is not waiting.
#include "worker.h"
#include "_cgo_export.h"

goworker_slot goworker_slots[GOWORKER_SLOTS];

ss_plugin_rc plugin_extract_fields(ss_plugin_t *s, const ss_plugin_event_input *evt,
                                   const ss_plugin_field_extract_input *in)
{
    int i = goworker_slot_index(s);
    goworker_slot *slot = &goworker_slots[i];
    if (atomic_load(&slot->state) != SLOT_WAIT) {
        return goworker_extract(s, (ss_plugin_event_input *)evt, in->num_fields, in->fields, 0);
    }
    slot->s = s;
    slot->evt = evt;
    slot->num_fields = in->num_fields;
    slot->fields = in->fields;
    atomic_store(&slot->state, SLOT_REQUEST);
    while (atomic_load(&slot->state) != SLOT_WAIT) {
    }
    return slot->rc;
}
