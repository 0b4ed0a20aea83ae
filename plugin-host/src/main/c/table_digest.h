/* table_digest: see table_digest.c. */
#ifndef SCAPULA_TABLE_DIGEST_H
#define SCAPULA_TABLE_DIGEST_H

#include <stdint.h>

/* Digests the table a digest_call names, writing the digest into it; returns a DIGEST_ status. */
int32_t digest_table(void *call);

#endif
