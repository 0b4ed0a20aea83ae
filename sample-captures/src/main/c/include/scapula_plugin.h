/*
 * The parts of the Falco plugin API (version 3.x) that scapula's sample plugins use, declared
 * here in our own words so the samples build with nothing but gcc. Layouts follow the ABI:
 * see ../../../../../shared/reference/plugin-api.md, section 3.
 */
#ifndef SCAPULA_PLUGIN_H
#define SCAPULA_PLUGIN_H

#include <stdint.h>

typedef enum ss_plugin_rc {
    SS_PLUGIN_SUCCESS = 0,
    SS_PLUGIN_FAILURE = 1,
    SS_PLUGIN_TIMEOUT = -1,
    SS_PLUGIN_EOF = 2,
    SS_PLUGIN_NOT_SUPPORTED = 3,
} ss_plugin_rc;

typedef uint32_t ss_plugin_bool;
typedef void ss_plugin_t;
typedef void ss_instance_t;
typedef void ss_plugin_owner_t;

/* Event code of a plugin event, and where its payload starts: header 26, two u32 lengths, id. */
#define SCAPULA_PLUGIN_EVENT 322
#define SCAPULA_PLUGIN_EVENT_PAYLOAD_OFFSET 38

/* The libscap event header: packed, 26 bytes, followed by the parameter lengths and values. */
#pragma pack(push, 1)
typedef struct ss_plugin_event {
    uint64_t ts;
    uint64_t tid;
    uint32_t len;
    uint16_t type;
    uint32_t nparams;
} ss_plugin_event;
#pragma pack(pop)

typedef struct ss_plugin_event_input {
    const ss_plugin_event *evt;
    uint64_t evtnum;
    const char *evtsrc;
} ss_plugin_event_input;

typedef const char *(*ss_plugin_owner_last_error_fn)(ss_plugin_owner_t *owner);
typedef void (*ss_plugin_log_fn)(ss_plugin_owner_t *owner, const char *component, const char *msg, int severity);

typedef struct ss_plugin_init_input {
    const char *config;
    ss_plugin_owner_t *owner;
    ss_plugin_owner_last_error_fn get_owner_last_error;
    const void *tables;
    ss_plugin_log_fn log_fn;
} ss_plugin_init_input;

#endif
