// goextract: a Falco extractor plugin written in Go with cgo and no SDK, for "counter" events.
// It exists to prove that a Go runtime (its threads and signal handlers) lives inside the JVM.
// Built with: go build -buildmode=c-shared (see ../../c/build.sh).
package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../c/include
#include <stdlib.h>
#include "scapula_plugin.h"

// Result storage per requested field, in C memory: the host reads it after the call returns.
typedef struct go_state {
    uint64_t results[16];
    char last_error[256];
} go_state;
*/
import "C"

import "unsafe"

const payloadOffset = 38

var (
	apiVersion  = C.CString("3.0.0")
	version     = C.CString("0.1.0")
	name        = C.CString("goextract")
	description = C.CString("A Go extractor for counter events, built with cgo")
	contact     = C.CString("scapula sample plugins <samples@scapula.invalid>")
	sources     = C.CString(`["counter"]`)
	fields      = C.CString(`[{"type":"uint64","name":"go.seq","desc":"Sequence number, read by Go"},` +
		`{"type":"uint64","name":"go.goroutines_ok","desc":"1 when a goroutine answered during extraction"}]`)
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
	st := (*C.go_state)(s)
	if st.last_error[0] == 0 {
		return nil
	}
	return &st.last_error[0]
}

//export plugin_init
func plugin_init(in *C.ss_plugin_init_input, rc *C.ss_plugin_rc) unsafe.Pointer {
	st := C.calloc(1, C.sizeof_go_state)
	*rc = C.SS_PLUGIN_SUCCESS
	return st
}

//export plugin_destroy
func plugin_destroy(s unsafe.Pointer) { C.free(s) }

//export plugin_extract_fields
func plugin_extract_fields(s unsafe.Pointer, evt *C.ss_plugin_event_input, in *C.ss_plugin_field_extract_input) C.ss_plugin_rc {
	st := (*C.go_state)(s)
	n := int(in.num_fields)
	if n > len(st.results) {
		return C.SS_PLUGIN_FAILURE
	}
	event := unsafe.Pointer(evt.evt)
	seq := *(*uint64)(unsafe.Add(event, payloadOffset))
	// A goroutine round trip: the Go scheduler and its threads must work inside the host.
	answer := make(chan uint64)
	go func() { answer <- 1 }()
	ok := <-answer
	requests := unsafe.Slice(in.fields, n)
	for i := range requests {
		value := seq
		if requests[i].field_id == 1 {
			value = ok
		}
		st.results[i] = C.uint64_t(value)
		*(**C.uint64_t)(unsafe.Pointer(&requests[i].res)) = &st.results[i]
		requests[i].res_len = 1
	}
	return C.SS_PLUGIN_SUCCESS
}

func main() {}
