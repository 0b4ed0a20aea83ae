/*
 * The parts of the Falco plugin API (version 3.x) that scapula's sample plugins use, declared
 * here in our own words so the samples build with nothing but gcc. The authority is upstream's
 * userspace/plugin/plugin_api.h in falcosecurity/libs; where this file and that header disagree,
 * the header wins.
 */
#ifndef SCAPULA_PLUGIN_H
#define SCAPULA_PLUGIN_H

#include <stdint.h>
#include <string.h>

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

/*
 * A plugin event (code 322), little-endian and packed, as libscap lays it out:
 *
 *   0      8      16    20     22        26          30             34          38
 *   +------+------+-----+------+---------+-----------+--------------+-----------+---------+
 *   | ts   | tid  | len | type | nparams | id len =4 | payload len  | plugin id | payload |
 *   +------+------+-----+------+---------+-----------+--------------+-----------+---------+
 *   '--------- ss_plugin_event ---------'
 */
#define SCAPULA_PLUGIN_EVENT 322
#define SCAPULA_PLUGIN_EVENT_LENGTHS 26
#define SCAPULA_PLUGIN_EVENT_PAYLOAD_LEN 30
#define SCAPULA_PLUGIN_EVENT_PLUGIN_ID 34
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

/* The payload length of a plugin event; memcpy because the field is not 4-byte aligned. */
static inline uint32_t scapula_plugin_event_payload_len(const ss_plugin_event *evt) {
    uint32_t len;
    memcpy(&len, (const uint8_t *)evt + SCAPULA_PLUGIN_EVENT_PAYLOAD_LEN, sizeof(len));
    return len;
}

typedef struct ss_plugin_event_input {
    const ss_plugin_event *evt;
    uint64_t evtnum;
    const char *evtsrc;
} ss_plugin_event_input;

typedef const char *(*ss_plugin_owner_last_error_fn)(ss_plugin_owner_t *owner);
typedef void (*ss_plugin_log_fn)(ss_plugin_owner_t *owner, const char *component, const char *msg, int severity);

/* --- State tables: a plugin registers its own, and reaches the host's and other plugins' through host vtables. --- */
typedef void ss_plugin_table_t;
typedef void ss_plugin_table_entry_t;
typedef void ss_plugin_table_field_t;
typedef void ss_plugin_table_iterator_state_t;

enum { SCAPULA_STATE_INT64 = 4, SCAPULA_STATE_UINT64 = 8, SCAPULA_STATE_STRING = 9 };

typedef union ss_plugin_state_data {
    int64_t s64;
    uint64_t u64;
    const char *str;
    ss_plugin_bool b;
} ss_plugin_state_data;

typedef struct ss_plugin_table_fieldinfo {
    const char *name;
    uint32_t field_type;
    ss_plugin_bool read_only;
} ss_plugin_table_fieldinfo;

typedef ss_plugin_bool (*ss_plugin_table_iterator_func_t)(ss_plugin_table_iterator_state_t *s,
                                                          ss_plugin_table_entry_t *e);

typedef struct ss_plugin_table_fields_vtable {
    const ss_plugin_table_fieldinfo *(*list_table_fields)(ss_plugin_table_t *t, uint32_t *nfields);
    ss_plugin_table_field_t *(*get_table_field)(ss_plugin_table_t *t, const char *name, uint32_t type);
    ss_plugin_table_field_t *(*add_table_field)(ss_plugin_table_t *t, const char *name, uint32_t type);
} ss_plugin_table_fields_vtable;

/* The inline ("deprecated") reader: the first four functions of the _ext one. */
typedef struct ss_plugin_table_reader_vtable {
    const char *(*get_table_name)(ss_plugin_table_t *t);
    uint64_t (*get_table_size)(ss_plugin_table_t *t);
    ss_plugin_table_entry_t *(*get_table_entry)(ss_plugin_table_t *t, const ss_plugin_state_data *key);
    ss_plugin_rc (*read_entry_field)(ss_plugin_table_t *t, ss_plugin_table_entry_t *e,
                                     const ss_plugin_table_field_t *f, ss_plugin_state_data *out);
} ss_plugin_table_reader_vtable;

typedef struct ss_plugin_table_reader_vtable_ext {
    const char *(*get_table_name)(ss_plugin_table_t *t);
    uint64_t (*get_table_size)(ss_plugin_table_t *t);
    ss_plugin_table_entry_t *(*get_table_entry)(ss_plugin_table_t *t, const ss_plugin_state_data *key);
    ss_plugin_rc (*read_entry_field)(ss_plugin_table_t *t, ss_plugin_table_entry_t *e,
                                     const ss_plugin_table_field_t *f, ss_plugin_state_data *out);
    void (*release_table_entry)(ss_plugin_table_t *t, ss_plugin_table_entry_t *e);
    ss_plugin_bool (*iterate_entries)(ss_plugin_table_t *t, ss_plugin_table_iterator_func_t it,
                                      ss_plugin_table_iterator_state_t *s);
} ss_plugin_table_reader_vtable_ext;

typedef struct ss_plugin_table_writer_vtable {
    ss_plugin_rc (*clear_table)(ss_plugin_table_t *t);
    ss_plugin_rc (*erase_table_entry)(ss_plugin_table_t *t, const ss_plugin_state_data *key);
    ss_plugin_table_entry_t *(*create_table_entry)(ss_plugin_table_t *t);
    void (*destroy_table_entry)(ss_plugin_table_t *t, ss_plugin_table_entry_t *e);
    ss_plugin_table_entry_t *(*add_table_entry)(ss_plugin_table_t *t, const ss_plugin_state_data *key,
                                                ss_plugin_table_entry_t *e);
    ss_plugin_rc (*write_entry_field)(ss_plugin_table_t *t, ss_plugin_table_entry_t *e,
                                      const ss_plugin_table_field_t *f, const ss_plugin_state_data *in);
} ss_plugin_table_writer_vtable;

/* What a plugin hands to add_table: name, key type, its opaque table, and its functions twice
   (the inline "deprecated" copies and the _ext pointers must be the same functions). */
typedef struct ss_plugin_table_input {
    const char *name;
    uint32_t key_type;
    ss_plugin_table_t *table;
    void *reader[4];
    ss_plugin_table_writer_vtable writer;
    ss_plugin_table_fields_vtable fields;
    ss_plugin_table_reader_vtable_ext *reader_ext;
    ss_plugin_table_writer_vtable *writer_ext;
    ss_plugin_table_fields_vtable *fields_ext;
} ss_plugin_table_input;

typedef struct ss_plugin_init_tables_input {
    const void *(*list_tables)(ss_plugin_owner_t *o, uint32_t *ntables);
    ss_plugin_table_t *(*get_table)(ss_plugin_owner_t *o, const char *name, uint32_t key_type);
    ss_plugin_rc (*add_table)(ss_plugin_owner_t *o, const ss_plugin_table_input *in);
    ss_plugin_table_fields_vtable fields;
    ss_plugin_table_fields_vtable *fields_ext;
    ss_plugin_table_reader_vtable_ext *reader_ext;
    ss_plugin_table_writer_vtable *writer_ext;
} ss_plugin_init_tables_input;

typedef struct ss_plugin_init_input {
    const char *config;
    ss_plugin_owner_t *owner;
    ss_plugin_owner_last_error_fn get_owner_last_error;
    const ss_plugin_init_tables_input *tables;
    ss_plugin_log_fn log_fn;
} ss_plugin_init_input;

/* Field types: equal to libscap's PT_* codes. */
enum {
    SCAPULA_FTYPE_UINT64 = 8,
    SCAPULA_FTYPE_STRING = 9,
    SCAPULA_FTYPE_RELTIME = 20,
    SCAPULA_FTYPE_ABSTIME = 21,
    SCAPULA_FTYPE_BOOL = 25,
    SCAPULA_FTYPE_IPADDR = 40,
    SCAPULA_FTYPE_IPNET = 41,
};

typedef struct ss_plugin_byte_buffer {
    uint32_t len;
    const void *ptr;
} ss_plugin_byte_buffer;

/* One field to extract: the host fills the inputs, the plugin points res at res_len values. */
typedef struct ss_plugin_extract_field {
    union {
        const char **str;
        uint64_t *u64;
        uint32_t *u32;
        ss_plugin_bool *boolean;
        ss_plugin_byte_buffer *buf;
    } res;
    uint64_t res_len;
    uint32_t field_id;
    const char *field;
    const char *arg_key;
    uint64_t arg_index;
    ss_plugin_bool arg_present;
    uint32_t ftype;
    ss_plugin_bool flist;
} ss_plugin_extract_field;

/* Where each extracted value sits inside the event, for fields that come straight from it. */
typedef struct ss_plugin_extract_value_offsets {
    uint32_t *start;
    uint32_t *length;
} ss_plugin_extract_value_offsets;

/* Extractors may read state tables, never write them. */
typedef struct ss_plugin_field_extract_input {
    ss_plugin_owner_t *owner;
    ss_plugin_owner_last_error_fn get_owner_last_error;
    uint32_t num_fields;
    ss_plugin_extract_field *fields;
    ss_plugin_table_reader_vtable table_reader;
    ss_plugin_table_reader_vtable_ext *table_reader_ext;
    ss_plugin_extract_value_offsets *value_offsets;
} ss_plugin_field_extract_input;

/*
 * An async event (code 402), little-endian and packed; the name is NUL-terminated and its
 * length counts the NUL:
 *
 *   0         26          30         34         38          42                  42+name len
 *   +---------+-----------+----------+----------+-----------+-------------------+------+
 *   | header  | id len =4 | name len | data len | plugin id | name ... \0       | data |
 *   +---------+-----------+----------+----------+-----------+-------------------+------+
 */
#define SCAPULA_ASYNC_EVENT 402
#define SCAPULA_ASYNC_EVENT_LENGTHS 26
#define SCAPULA_ASYNC_EVENT_NAME_LEN 30
#define SCAPULA_ASYNC_EVENT_DATA_LEN 34
#define SCAPULA_ASYNC_EVENT_PLUGIN_ID 38
#define SCAPULA_ASYNC_EVENT_NAME_OFFSET 42

typedef ss_plugin_rc (*ss_plugin_async_event_handler_t)(ss_plugin_owner_t *owner, const ss_plugin_event *evt,
                                                        char *err);

/* Parsers may read and write state tables. */
typedef struct ss_plugin_event_parse_input {
    ss_plugin_owner_t *owner;
    ss_plugin_owner_last_error_fn get_owner_last_error;
    ss_plugin_table_reader_vtable table_reader;
    ss_plugin_table_writer_vtable table_writer;
    ss_plugin_table_reader_vtable_ext *table_reader_ext;
    ss_plugin_table_writer_vtable *table_writer_ext;
} ss_plugin_event_parse_input;

typedef struct ss_plugin_capture_listen_input {
    ss_plugin_owner_t *owner;
    void *routine;
    void *table_reader_ext;
    void *table_writer_ext;
    ss_plugin_owner_last_error_fn get_owner_last_error;
} ss_plugin_capture_listen_input;

#endif
