/* SPDX-License-Identifier: MIT */
/* interf io: the provenance record every output carries, in one key vocabulary
 * (interf-table(5), "PROVENANCE KEYS"), and the SHA-256 of FIPS 180-4 that identifies the
 * input files it names. */
#include "interf/io.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <cblas.h>

#include "interf.h"

static int key_ok(const char *k)
{
    size_t n = strlen(k);
    if (n == 0 || n >= sizeof ((struct interf_provenance_item *)0)->key ||
        !(isalpha((unsigned char)k[0]) || k[0] == '_'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)k[i]) && !strchr("_.-", k[i]))
            return 0;
    return 1;
}

void interf_provenance_init(struct interf_provenance *p, const char *tool)
{
    p->n = 0;
    if (tool)
        interf_provenance_set(p, "tool", "%s %s", tool, INTERF_VERSION_STRING);
}

enum interf_status interf_provenance_set(struct interf_provenance *p, const char *key,
                                         const char *fmt, ...)
{
    char v[sizeof p->item[0].value];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v, sizeof v, fmt, ap);
    va_end(ap);
    if (!key_ok(key) || strpbrk(v, "\r\n"))
        return INTERF_EINVAL;
    size_t k = 0;
    while (k < p->n && strcmp(p->item[k].key, key) != 0)
        k++;
    if (k == INTERF_PROV_MAX)
        return INTERF_EINVAL;
    if (k == p->n) {
        snprintf(p->item[k].key, sizeof p->item[k].key, "%s", key);
        p->n++;
    }
    memcpy(p->item[k].value, v, sizeof v);
    return INTERF_OK;
}

const char *interf_provenance_get(const struct interf_provenance *p, const char *key)
{
    for (size_t k = 0; k < p->n; k++)
        if (strcmp(p->item[k].key, key) == 0)
            return p->item[k].value;
    return NULL;
}

void interf_provenance_merge(struct interf_provenance *p, const struct interf_provenance *src)
{
    for (size_t k = 0; k < src->n; k++)
        interf_provenance_set(p, src->item[k].key, "%s", src->item[k].value);
}

void interf_provenance_set_command(struct interf_provenance *p, int argc, char *const *argv)
{
    char s[sizeof p->item[0].value];
    size_t q = 0;
    for (int i = 0; i < argc && q + 8 < sizeof s; i++) {
        const char *a = argv[i];
        int quote = a[0] == '\0' || strpbrk(a, " \t\n'\"\\$`*?[]{}()<>|&;#~") != NULL;
        if (i)
            s[q++] = ' ';
        if (quote)
            s[q++] = '\'';
        for (; *a && q + 6 < sizeof s; a++) {
            if (*a == '\n') {
                s[q++] = '?'; /* a value is one line */
            } else if (*a == '\'' && quote) {
                memcpy(s + q, "'\\''", 4);
                q += 4;
            } else {
                s[q++] = *a;
            }
        }
        if (quote)
            s[q++] = '\'';
    }
    s[q] = '\0';
    interf_provenance_set(p, "command", "%s", s);
}

enum interf_status interf_provenance_write(FILE *fp, const struct interf_provenance *p,
                                           struct interf_error *err)
{
    for (size_t k = 0; k < p->n; k++)
        fprintf(fp, "# %s: %s\n", p->item[k].key, p->item[k].value);
    if (ferror(fp))
        return interf_error_set(err, INTERF_EIO, "write error: %s", strerror(errno ? errno : EIO));
    return INTERF_OK;
}

/* ------------------------------------------------------------------ SHA-256, FIPS 180-4 §6.2 */

struct sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t fill;
};

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha_block(struct sha256 *s, const unsigned char *b)
{
    uint32_t w[64], v[8];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)b[4 * t] << 24 | (uint32_t)b[4 * t + 1] << 16 |
               (uint32_t)b[4 * t + 2] << 8 | b[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    memcpy(v, s->h, sizeof v);
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25)) +
                      ((v[4] & v[5]) ^ (~v[4] & v[6])) + K256[t] + w[t];
        uint32_t t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) +
                      ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof v[0]);
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
        s->h[i] += v[i];
}

static void sha_init(struct sha256 *s)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(s->h, h0, sizeof h0);
    s->len = 0;
    s->fill = 0;
}

static void sha_update(struct sha256 *s, const unsigned char *p, size_t n)
{
    s->len += n;
    while (n) {
        size_t k = 64 - s->fill < n ? 64 - s->fill : n;
        memcpy(s->buf + s->fill, p, k);
        s->fill += k, p += k, n -= k;
        if (s->fill == 64) {
            sha_block(s, s->buf);
            s->fill = 0;
        }
    }
}

static void sha_final(struct sha256 *s, unsigned char out[32])
{
    uint64_t bits = s->len * 8;
    unsigned char pad = 0x80, zero = 0, len[8];
    sha_update(s, &pad, 1);
    while (s->fill != 56)
        sha_update(s, &zero, 1);
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha_update(s, len, 8);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            out[4 * i + j] = (unsigned char)(s->h[i] >> (24 - 8 * j));
}

void interf_sha256(const void *data, size_t n, unsigned char out[32])
{
    struct sha256 s;
    sha_init(&s);
    sha_update(&s, data, n);
    sha_final(&s, out);
}

enum interf_status interf_provenance_set_file(struct interf_provenance *p, const char *key,
                                              const char *path, struct interf_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    struct sha256 s;
    unsigned char buf[65536], h[32];
    size_t got;
    sha_init(&s);
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        sha_update(&s, buf, got);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return interf_error_set(err, INTERF_EIO, "%s: read error", path);
    sha_final(&s, h);
    char hex[65], hk[48];
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
    snprintf(hk, sizeof hk, "%s_sha256", key);
    interf_provenance_set(p, key, "%s", path);
    interf_provenance_set(p, hk, "%s", hex);
    return INTERF_OK;
}

void interf_provenance_set_blas(struct interf_provenance *p)
{
    interf_provenance_set(p, "blas_core", "%s", openblas_get_corename());
}
