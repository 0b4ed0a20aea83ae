// goworker: a Falco extractor plugin in Go (cgo, no SDK) for "counter" events whose extraction
// works the way the Go plugin SDK's async extraction does: the C entry point (worker.c) hands
// each request to a worker goroutine through memory shared with it and spins until served; the
// worker spins on the shared flags for 1 ms after a request, then sleeps 10 ms between looks.
// One worker serves every instance of the library. As in the SDK, the worker runs only when
// the Go runtime has more than one processor (GOMAXPROCS > 1); otherwise calls go straight in.
// Built with: go build -buildmode=c-shared (see ../../c/build.sh).
package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../c/include
#include <stdlib.h>
#include <string.h>
#include "worker.h"

// Per-instance state, in C memory: the host reads results after the call returns.
typedef struct goworker_state {
    int slot;
    int64_t started_ns;
    uint64_t results[16];
    char last_error[256];
} goworker_state;

// Go reaches the slots only through these: an extern array named from Go is copied, not shared.
static goworker_slot *goworker_slot_at(int i) { return &goworker_slots[i]; }
static int goworker_load(goworker_slot *slot) { return atomic_load(&slot->state); }
static void goworker_store(goworker_slot *slot, int v) { atomic_store(&slot->state, v); }
*/
import "C"

import (
	"runtime"
	"sync"
	"time"
	"unsafe"
)

const (
	payloadOffset = 38
	spinFor       = time.Millisecond
	sleepFor      = 10 * time.Millisecond
)

var (
	apiVersion  = C.CString("3.0.0")
	version     = C.CString("0.1.0")
	name        = C.CString("goworker")
	description = C.CString("A Go extractor for counter events served by a spinning, then sleeping, worker goroutine")
	contact     = C.CString("scapula sample plugins <samples@scapula.invalid>")
	sources     = C.CString(`["counter"]`)
	fields      = C.CString(`[{"type":"uint64","name":"goworker.seq","desc":"Sequence number of the counter event"},` +
		`{"type":"uint64","name":"goworker.async","desc":"1 when the worker goroutine served the request, 0 for a direct call"},` +
		`{"type":"uint64","name":"goworker.lap","desc":"Nanoseconds since the instance started: nondeterministic by design"}]`)
)

// The worker's life: started by the first instance, stopped when the last one is destroyed.
var (
	mu      sync.Mutex
	live    int
	stop    chan struct{}
	stopped chan struct{}
)

//export plugin_get_required_api_version
func plugin_get_required_api_version() *C.char { return apiVersion }

//export plugin_get_version
func plugin_get_version() *C.char { return version }

//export plugin_get_name
func plugin_get_name() *C.char { return name }

//export plugin_get_description
func plugin_get_description() *C.char { return description }

//export plugin_get_contact
func plugin_get_contact() *C.char { return contact }

//export plugin_get_extract_event_sources
func plugin_get_extract_event_sources() *C.char { return sources }

//export plugin_get_fields
func plugin_get_fields() *C.char { return fields }

//export plugin_get_last_error
func plugin_get_last_error(s unsafe.Pointer) *C.char {
	st := (*C.goworker_state)(s)
	if st.last_error[0] == 0 {
		return nil
	}
	return &st.last_error[0]
}

//export goworker_slot_index
func goworker_slot_index(s unsafe.Pointer) C.int { return (*C.goworker_state)(s).slot }

//export plugin_init
func plugin_init(in *C.ss_plugin_init_input, rc *C.ss_plugin_rc) unsafe.Pointer {
	mu.Lock()
	defer mu.Unlock()
	slot := -1
	for i := 0; i < C.GOWORKER_SLOTS; i++ {
		if C.goworker_load(C.goworker_slot_at(C.int(i))) == C.SLOT_UNUSED {
			slot = i
			break
		}
	}
	if slot < 0 {
		*rc = C.SS_PLUGIN_FAILURE
		return nil
	}
	st := (*C.goworker_state)(C.calloc(1, C.sizeof_goworker_state))
	st.slot = C.int(slot)
	st.started_ns = C.int64_t(time.Now().UnixNano())
	if runtime.GOMAXPROCS(0) > 1 {
		C.goworker_store(C.goworker_slot_at(C.int(slot)), C.SLOT_WAIT)
		if live == 0 {
			stop, stopped = make(chan struct{}), make(chan struct{})
			go work(stop, stopped)
		}
		live++
	}
	*rc = C.SS_PLUGIN_SUCCESS
	return unsafe.Pointer(st)
}

//export plugin_destroy
func plugin_destroy(s unsafe.Pointer) {
	mu.Lock()
	defer mu.Unlock()
	st := (*C.goworker_state)(s)
	slot := C.goworker_slot_at(st.slot)
	if C.goworker_load(slot) != C.SLOT_UNUSED {
		C.goworker_store(slot, C.SLOT_UNUSED)
		live--
		if live == 0 {
			// the library may be unloaded next: no goroutine may outlive the last instance
			close(stop)
			<-stopped
		}
	}
	C.free(s)
}

// work serves every waiting slot; after 1 ms without a request it looks only every 10 ms.
func work(stop, stopped chan struct{}) {
	defer close(stopped)
	idleSince := time.Now()
	for {
		select {
		case <-stop:
			return
		default:
		}
		for i := 0; i < C.GOWORKER_SLOTS; i++ {
			slot := C.goworker_slot_at(C.int(i))
			if C.goworker_load(slot) != C.SLOT_REQUEST {
				continue
			}
			slot.rc = C.int32_t(goworker_extract(unsafe.Pointer(slot.s), slot.evt, C.uint32_t(slot.num_fields),
				slot.fields, 1))
			C.goworker_store(slot, C.SLOT_WAIT)
			idleSince = time.Now()
		}
		if time.Since(idleSince) > spinFor {
			time.Sleep(sleepFor)
		}
	}
}

//export goworker_extract
func goworker_extract(s unsafe.Pointer, evt *C.ss_plugin_event_input, num C.uint32_t,
	requests *C.ss_plugin_extract_field, async C.int) C.ss_plugin_rc {
	st := (*C.goworker_state)(s)
	n := int(num)
	if n > len(st.results) {
		msg := C.CString("goworker: at most 16 fields per call")
		C.strncpy(&st.last_error[0], msg, 255)
		C.free(unsafe.Pointer(msg))
		return C.SS_PLUGIN_FAILURE
	}
	seq := *(*uint64)(unsafe.Add(unsafe.Pointer(evt.evt), payloadOffset))
	for i, r := range unsafe.Slice(requests, n) {
		value := seq
		switch r.field_id {
		case 1:
			value = uint64(async)
		case 2:
			value = uint64(time.Now().UnixNano() - int64(st.started_ns))
		}
		st.results[i] = C.uint64_t(value)
		req := &unsafe.Slice(requests, n)[i]
		*(**C.uint64_t)(unsafe.Pointer(&req.res)) = &st.results[i]
		req.res_len = 1
	}
	return C.SS_PLUGIN_SUCCESS
}

func main() {}
