/* SPDX-License-Identifier: MIT */
/* Frequency-resolved runs, part of kernel_run.c (single precision only): for each tile and
 * block of steps, the coupling matrix C (rows: the tile's points and the block's steps; columns:
 * the emitters that pass the tile's cull at some step; entries P Gt Gr / (4 pi d^2 Gr,max) as
 * the fused kernel forms them, zero where not visible or within the GSO-arc avoidance angle)
 * times the spectra S (columns' emitters x channels: each channel's PSD over the beam's power)
 * gives the EPFD of every point, step and channel, one single-threaded cblas_sgemm. */
#include <cblas.h>

/* What the threads of a frequency-resolved run share (read-only but for lin's disjoint
 * parts: each (point, step) belongs to one tile and one block). */
struct chan_run {
    size_t n_ch;
    const float *rel;    /* [emitter][channel]: the channel's PSD over the emitter's power */
    float *lin;          /* [point][step - step_begin][channel], W/m2, added to */
    long step_begin, n_steps;
};

/* One thread's matrices. */
struct chan_scratch {
    const struct chan_run *run;
    int32_t *col;        /* [emitter]: its column in the tile's C, -1: none yet */
    size_t *used;        /* [column]: its emitter */
    int32_t *ecol, *ek;  /* the tile's non-zero columns, by step: column and step */
    float *ev;           /* and their couplings, EPFD_TILE_MAX each */
    size_t cap_e;
    float *c;            /* C, (point, step) rows x columns, row-major */
    size_t cap_c;
    float *s;            /* S, columns x channels */
    float *prod;         /* C S, (point, step) rows x channels */
    int fail;            /* out of memory during the run */
    uint64_t nnz, cells; /* non-zero and all entries of the matrices multiplied */
    uint64_t products, rows;
    double flop;
};

static void chan_scratch_free(struct chan_scratch *ch)
{
    free(ch->col), free(ch->used), free(ch->ecol), free(ch->ek), free(ch->ev), free(ch->c);
    free(ch->s), free(ch->prod);
}

static int chan_scratch_alloc(struct chan_scratch *ch, const struct chan_run *run, size_t n_em)
{
    ch->run = run;
    ch->col = malloc(n_em * sizeof *ch->col);
    ch->used = malloc(n_em * sizeof *ch->used);
    ch->s = malloc(n_em * run->n_ch * sizeof *ch->s);
    ch->prod = malloc((size_t)EPFD_BLOCK * EPFD_TILE_MAX * run->n_ch * sizeof *ch->prod);
    for (size_t j = 0; ch->col && j < n_em; j++)
        ch->col[j] = -1;
    return ch->col && ch->used && ch->s && ch->prod;
}

/* Room for n entries (realloc keeps the ones taken). */
static int chan_reserve(struct chan_scratch *ch, size_t n)
{
    if (n <= ch->cap_e)
        return 1;
    size_t cap = n < 2 * ch->cap_e ? 2 * ch->cap_e : n;
    int32_t *c = realloc(ch->ecol, cap * sizeof *c);
    if (c)
        ch->ecol = c;
    int32_t *k = realloc(ch->ek, cap * sizeof *k);
    if (k)
        ch->ek = k;
    float *v = realloc(ch->ev, cap * EPFD_TILE_MAX * sizeof *v);
    if (v)
        ch->ev = v;
    if (!c || !k || !v)
        return 0;
    ch->cap_e = cap;
    return 1;
}

/* The couplings of tile tl (packed in ln) over the ns steps of the block, one emitter at a time
 * through tile_sums (every path of the fused kernel: tables, 2-D patterns, masks, GSO arc), as
 * entries of ch, their columns' emitters in ch->used[0, *n_col); returns the entries' number,
 * or -1 when out of memory. */
static long chan_couplings(const struct interf_epfd_plan *p, const struct block *b, int ns,
                           const struct epfd_super *sp, const struct epfd_tile *tl,
                           const struct lanes *ln, struct scratch *sw, size_t *n_col_out)
{
    struct chan_scratch *ch = sw->ch;
    size_t *list = sw->list, n_e = 0, n_col = 0;
    *n_col_out = 0;
    const double cr = cos(sp->cap.radius_rad), sr = sin(sp->cap.radius_rad);
    for (int k = 0; k < ns; k++) {
        cull_super(b, k, &sp->cap, cr, sr, &sw->cands);
        size_t nl = cull_tile(&sw->cands, tl, ln, list);
        if (!chan_reserve(ch, n_e + nl))
            return -1;
        *n_col_out = n_col;
        for (size_t m = 0; m < nl; m++) {
            sw->list = list + m;
            tile_sums(p, b, k, tl, ln, 1, sw);
            int any = 0;
            for (size_t i = 0; i < tl->n; i++)
                any |= sw->acc[i] > 0;
            if (!any)
                continue;
            size_t j = b->live[b->row[k] + list[m]];
            if (ch->col[j] < 0)
                ch->used[n_col] = j, ch->col[j] = (int32_t)n_col++;
            ch->ecol[n_e] = ch->col[j], ch->ek[n_e] = k;
            memcpy(ch->ev + n_e * EPFD_TILE_MAX, sw->acc, sizeof sw->acc);
            n_e++;
        }
        sw->list = list;
        *n_col_out = n_col;
    }
    return (long)n_e;
}

/* Tile tl over the block: its C, then C S added to the run's lin. */
static void chan_tile(const struct interf_epfd_plan *p, const struct block *b, long s0, int ns,
                      const struct epfd_super *sp, const struct epfd_tile *tl,
                      const struct lanes *ln, struct scratch *sw)
{
    struct chan_scratch *ch = sw->ch;
    const struct chan_run *run = ch->run;
    const size_t nch = run->n_ch, rows = tl->n * (size_t)ns;
    size_t n_col;
    long n_e = chan_couplings(p, b, ns, sp, tl, ln, sw, &n_col);
    for (size_t j = 0; j < n_col; j++)
        ch->col[ch->used[j]] = -1;
    if (n_e >= 0 && rows * n_col > ch->cap_c) {
        float *c = realloc(ch->c, rows * n_col * sizeof *c);
        if (c)
            ch->c = c, ch->cap_c = rows * n_col;
        else
            n_e = -1;
    }
    if (n_e < 0)
        ch->fail = 1;
    if (n_e <= 0 || n_col == 0)
        return;
    memset(ch->c, 0, rows * n_col * sizeof *ch->c);
    for (long e = 0; e < n_e; e++)
        for (size_t i = 0; i < tl->n; i++) {
            float v = ch->ev[(size_t)e * EPFD_TILE_MAX + i];
            ch->c[(i * (size_t)ns + (size_t)ch->ek[e]) * n_col + (size_t)ch->ecol[e]] = v;
            ch->nnz += v > 0;
        }
    for (size_t j = 0; j < n_col; j++)
        memcpy(ch->s + j * nch, run->rel + ch->used[j] * nch, nch * sizeof *ch->s);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)rows, (int)nch, (int)n_col, 1.0f,
                ch->c, (int)n_col, ch->s, (int)nch, 0.0f, ch->prod, (int)nch);
    ch->cells += rows * n_col;
    ch->products++, ch->rows += rows;
    ch->flop += 2.0 * (double)rows * (double)n_col * (double)nch;
    for (size_t i = 0; i < tl->n; i++) {
        size_t orig = p->pts.index[tl->first + i];
        float *dst = run->lin + (orig * (size_t)run->n_steps + (size_t)(s0 - run->step_begin)) *
                                    nch;
        const float *src = ch->prod + i * (size_t)ns * nch;
        for (size_t x = 0; x < (size_t)ns * nch; x++)
            dst[x] += src[x];
    }
}

/* Super tile sp over the block: its tiles one after the other, each over the block's steps. */
static void chan_super(const struct interf_epfd_plan *p, const struct block *b, long s0, int ns,
                       const struct epfd_super *sp, struct scratch *sw)
{
    for (size_t t = sp->first; t < sp->first + sp->n && !sw->ch->fail; t++) {
        pack_tile(&p->pts, &p->tiles[t], &sw->lanes[0]);
        chan_tile(p, b, s0, ns, sp, &p->tiles[t], &sw->lanes[0], sw);
    }
}
