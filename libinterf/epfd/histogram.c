/* SPDX-License-Identifier: MIT */
/* Per-point histograms in 0.1 dB bins, each sample rounded down to its bin (Rec. ITU-R S.1503-4
 * (09/2023) §D1.4 and §D7), and the statistics read from them. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "epfd_impl.h"

void interf_epfd_bins_init(struct interf_epfd_bins *b)
{
    for (int k = 0; k <= INTERF_EPFD_NBINS; k++)
        b->edge[k] = pow(10.0, (INTERF_EPFD_LEVEL_MIN + k) / 100.0);
    /* log2(1 + m) for the top 12 bits of a float's mantissa, in tenths of a dB */
    for (int k = 0; k < 4096; k++)
        b->log2_tab[k] = (float)(100.0 * log10(1.0 + (k + 0.5) / 4096.0));
}

int interf_epfd_bin(const struct interf_epfd_bins *b, double lin, int *clamped)
{
    if (clamped)
        *clamped = 0;
    if (!(lin >= b->edge[0]))
        return 0; /* below -300 dB, no contributor (0) or NaN: the floor bin */
    if (lin >= b->edge[INTERF_EPFD_NBINS]) {
        if (clamped)
            *clamped = 1;
        return INTERF_EPFD_NBINS - 1;
    }
    /* First guess from the binary exponent and a table of the mantissa's logarithm (good to a
     * hundredth of a bin), then the exact comparison with the bin's linear edges. lin is a
     * normal double here: lin = (1 + f) 2^(e - 1), e - 1 its unbiased exponent, the top 12 bits
     * of f its mantissa's (what frexp gives, without the call). */
    uint64_t u;
    memcpy(&u, &lin, sizeof u);
    int e = (int)((u >> 52) & 0x7ff) - 1022;
    int top = (int)((u >> 40) & 0xfff);
    double tenths = 100.0 * 0.30102999566398120 * (e - 1) + b->log2_tab[top];
    int k = (int)floor(tenths) - INTERF_EPFD_LEVEL_MIN;
    if (k < 0)
        k = 0;
    if (k > INTERF_EPFD_NBINS - 1)
        k = INTERF_EPFD_NBINS - 1;
    while (k > 0 && lin < b->edge[k])
        k--;
    while (k < INTERF_EPFD_NBINS - 1 && lin >= b->edge[k + 1])
        k++;
    return k;
}

void epfd_hist_zero(uint32_t *count, size_t n)
{
#ifdef __SSE2__
    /* streaming stores: no read of the lines they fill, nothing evicted for them (500 MB for a
     * 1 deg grid: 21 instead of 50 ms with memset, which reads every line first) */
    size_t head = (size_t)(-(uintptr_t)count / sizeof *count) % 4;
    head = head < n ? head : n;
    memset(count, 0, head * sizeof *count);
    size_t m = (n - head) / 4;
    __m128i *v = (__m128i *)(void *)(count + head);
    for (size_t i = 0; i < m; i++)
        _mm_stream_si128(v + i, _mm_setzero_si128());
    _mm_sfence(); /* ordered before the run's own stores, on any thread */
    memset(count + head + 4 * m, 0, (n - head - 4 * m) * sizeof *count);
#else
    memset(count, 0, n * sizeof *count);
#endif
}
