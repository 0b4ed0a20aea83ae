/*
 * table_digest: digests a state table through its own functions in one call from the host, so
 * that verify's check of the state after every event costs one native call per table, not a
 * callback into Java per entry. The algorithm is TableDigest.java's, and must stay identical to
 * it: a host table is digested in Java, and a test compares the two on the same table.
 *
 * Every address in the call is one the host got from the table's owner. What is kept between
 * calls lives in the call itself: the field handles and the fields' part of the digest, which
 * only change when the table's field list does. Fields are only ever added (the plugin API has no
 * way to remove one) and handles stay valid for the table's life, so a field list at the same
 * address with the same count is the same list; up to CACHED_FIELDS of them are kept.
 *
 * digest_call (592), filled by the host once per table and passed as the one argument:
 *   0 table* | 8 list_table_fields | 16 get_table_field | 24 iterate_entries | 32 read_entry_field
 *   40 u64 digest (out) | 48 u32 index, in list_table_fields order, of the field a failure concerns (out)
 *   56 cache: field list* (NULL: empty) | 64 u32 listed | 68 u32 scalar count | 72 u64 head
 *   80 u32 index[32] | 208 u32 types[32] | 336 handle[32]
 * ss_plugin_table_fieldinfo (16): 0 const char* name | 8 u32 type | 12 u32 read_only
 * ss_plugin_state_data (8): the value at offset 0, only the declared type's width valid
 */
#include <stdint.h>
#include <stdlib.h>

#include "table_digest.h"

/* Status codes, mirrored by NativeDigest. */
#define DIGEST_OK 0
#define DIGEST_NO_FIELD 1    /* get_table_field returned NULL */
#define DIGEST_READ_FAILED 2 /* read_entry_field did not succeed */
#define DIGEST_STOPPED 3     /* iterate_entries did not run to the end */
#define DIGEST_NO_MEMORY 4

/* ss_plugin_state_type codes. */
#define TYPE_INT8 1
#define TYPE_INT16 2
#define TYPE_INT32 3
#define TYPE_INT64 4
#define TYPE_UINT8 5
#define TYPE_UINT16 6
#define TYPE_UINT32 7
#define TYPE_UINT64 8
#define TYPE_STRING 9
#define TYPE_BOOL 25

#define ROW_SEED 0x9e3779b97f4a7c15ULL
#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
#define CACHED_FIELDS 32

typedef struct field_info {
    const char *name;
    uint32_t type;
    uint32_t read_only;
} field_info;

typedef union state_data {
    int8_t s8;
    int16_t s16;
    int32_t s32;
    int64_t s64;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    const char *str;
} state_data;

typedef const field_info *(*list_fields_fn)(void *table, uint32_t *count);
typedef void *(*get_field_fn)(void *table, const char *name, uint32_t type);
typedef uint32_t (*iterator_fn)(void *state, void *entry);
typedef uint32_t (*iterate_fn)(void *table, iterator_fn it, void *state);
typedef int32_t (*read_fn)(void *table, void *entry, const void *field, state_data *out);

/* The splitmix64 finaliser: every input bit reaches every output bit. */
static uint64_t mix(uint64_t x) {
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* FNV-1a over the bytes, then mixed; NULL hashes as "". */
static uint64_t text(const char *s) {
    uint64_t h = FNV_BASIS;
    for (const unsigned char *c = (const unsigned char *)s; c && *c; c++) {
        h = (h ^ *c) * FNV_PRIME;
    }
    return mix(h);
}

static int scalar(uint32_t type) {
    return (type >= TYPE_INT8 && type <= TYPE_STRING) || type == TYPE_BOOL;
}

/* A value as the 64-bit word TableDigest hashes: as StateType.read reads it, strings hashed. */
static uint64_t word(uint32_t type, const state_data *v) {
    switch (type) {
    case TYPE_INT8: return (uint64_t)(int64_t)v->s8;
    case TYPE_INT16: return (uint64_t)(int64_t)v->s16;
    case TYPE_INT32: return (uint64_t)(int64_t)v->s32;
    case TYPE_UINT8: return v->u8;
    case TYPE_UINT16: return v->u16;
    case TYPE_UINT32: return v->u32;
    case TYPE_STRING: return text(v->str);
    case TYPE_BOOL: return v->u32 != 0;
    default: return v->u64;
    }
}

typedef struct walk {
    void *table;
    read_fn read;
    uint32_t count;
    const uint32_t *index;
    const uint32_t *types;
    void *const *handles;
    uint64_t sum, rows;
    int32_t status;
    uint32_t failed;
} walk;

/* The iterate_entries callback: hashes one entry's fields into a row hash and adds it up. */
static uint32_t visit(void *state, void *entry) {
    walk *w = state;
    uint64_t h = ROW_SEED;
    for (uint32_t i = 0; i < w->count; i++) {
        state_data v;
        v.u64 = 0;
        if (w->read(w->table, entry, w->handles[i], &v) != 0) {
            w->status = DIGEST_READ_FAILED;
            w->failed = w->index[i];
            return 0;
        }
        h = mix(h ^ word(w->types[i], &v));
    }
    w->sum += h;
    w->rows++;
    return 1;
}

typedef struct digest_call {
    void *table;
    list_fields_fn list_fields;
    get_field_fn get_field;
    iterate_fn iterate;
    read_fn read;
    uint64_t digest;
    uint32_t failed;
    const field_info *cached_list;
    uint32_t cached_listed;
    uint32_t cached_count;
    uint64_t cached_head;
    uint32_t cached_index[CACHED_FIELDS];
    uint32_t cached_types[CACHED_FIELDS];
    void *cached_handles[CACHED_FIELDS];
} digest_call;

_Static_assert(sizeof(digest_call) == 592, "NativeDigest allocates 592 bytes");

/*
 * Looks up the scalar fields' handles and hashes their names and types into *head; the arrays have
 * room for every listed field. Returns the number of scalar fields, with w->status set on failure.
 */
static uint32_t resolve_fields(digest_call *c, const field_info *fields, uint32_t listed, uint32_t *index,
                               uint32_t *types, void **handles, uint64_t *head, walk *w) {
    uint32_t count = 0;
    *head = 0;
    for (uint32_t i = 0; i < listed; i++) {
        if (!scalar(fields[i].type)) {
            continue; /* subtables are digested by their own contents, not followed here */
        }
        void *h = c->get_field(c->table, fields[i].name, fields[i].type);
        if (!h) {
            w->status = DIGEST_NO_FIELD;
            w->failed = i;
            break;
        }
        *head = mix(mix(*head ^ text(fields[i].name)) ^ fields[i].type);
        index[count] = i;
        types[count] = fields[i].type;
        handles[count] = h;
        count++;
    }
    return count;
}

int32_t digest_table(void *call) {
    digest_call *c = call;
    void *t = c->table;
    uint32_t listed = 0;
    const field_info *fields = c->list_fields(t, &listed);
    if (!fields) {
        listed = 0;
    }
    walk w = {t, c->read, 0, c->cached_index, c->cached_types, c->cached_handles, 0, 0, DIGEST_OK, 0};
    uint64_t head = c->cached_head;
    uint32_t *index = NULL, *types = NULL;
    void **handles = NULL;
    if (fields && fields == c->cached_list && listed == c->cached_listed) {
        w.count = c->cached_count;
    } else if (listed <= CACHED_FIELDS) {
        c->cached_list = NULL;
        w.count = resolve_fields(c, fields, listed, c->cached_index, c->cached_types, c->cached_handles, &head, &w);
        if (w.status == DIGEST_OK && fields) {
            c->cached_list = fields;
            c->cached_listed = listed;
            c->cached_count = w.count;
            c->cached_head = head;
        }
    } else {
        index = malloc(listed * sizeof(*index));
        types = malloc(listed * sizeof(*types));
        handles = malloc(listed * sizeof(*handles));
        if (!index || !types || !handles) {
            free(index);
            free(types);
            free(handles);
            return DIGEST_NO_MEMORY;
        }
        w.index = index;
        w.types = types;
        w.handles = handles;
        w.count = resolve_fields(c, fields, listed, index, types, handles, &head, &w);
    }
    if (w.status == DIGEST_OK && !c->iterate(t, visit, &w) && w.status == DIGEST_OK) {
        w.status = DIGEST_STOPPED;
    }
    free(index);
    free(types);
    free(handles);
    c->digest = mix(mix(head ^ w.rows) ^ w.sum);
    c->failed = w.failed;
    return w.status;
}
