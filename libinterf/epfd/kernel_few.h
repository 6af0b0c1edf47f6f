/* SPDX-License-Identifier: MIT */
/* Tiles of a few points (a lone earth station, a few of them), part of kernel_run.c (both
 * precisions): the pairs run with the tile's emitters as lanes, each point's sum formed in
 * emitter order from the same values as tile_sums forms them (the same bits). */

static void few_free(struct few *f)
{
    void *a[] = {f->buf, f->ibuf, f->cs, f->co, f->ox, f->oy, f->oz, f->os, f->open, f->dec};
    for (size_t k = 0; k < sizeof a / sizeof a[0]; k++)
        free(a[k]);
}

static int few_alloc(struct few *f, size_t n)
{
    real **o[] = {&f->cs, &f->co, &f->ox, &f->oy, &f->oz, &f->os};
    int ok = (f->buf = malloc(9 * n * sizeof(real))) != NULL;
    ok &= (f->ibuf = malloc(n * sizeof(int))) != NULL;
    for (size_t k = 0; k < sizeof o / sizeof o[0]; k++)
        ok &= (*o[k] = malloc(EPFD_FEW_POINTS * n * sizeof(real))) != NULL;
    ok &= (f->open = malloc(n * sizeof(int))) != NULL;
    ok &= (f->dec = malloc(EPFD_FEW_POINTS * n * sizeof(int))) != NULL;
    return ok;
}

/* Accessors of PAIR_BODY for a tile of a few points: emitter m of fw as a lane, point i of
 * tile t, the satellite tables concatenated in cat. */
#define E_FEW(f) fw->f[m]
#define TS_FEW(k) (cat + fw->off[m] + (k))

/* The pairs of point i of tile t with the nl emitters of fw (as lanes) when none avoids the
 * GSO arc: their contributions into c, as pairs_sum forms them. */
EPFD_INLINE void few_sum(const struct few *restrict fw, size_t nl, const struct lanes *t, int i,
                         const real *cat, struct table ts, struct table tr, real *restrict co)
{
    for (size_t m = 0; m < nl; m++) {
        PAIR_BODY(E_FEW, G_LANE, TS_FEW, ts, tr)
        (void)nx, (void)ny, (void)nz;
        co[m] = c;
    }
}

/* The same as pairs_open forms them, with the directions for the GSO-arc test; open[m] is set
 * when the declination bound leaves the test of some visible point open. */
EPFD_INLINE void few_open(const struct few *restrict fw, size_t nl, const struct lanes *t, int i,
                          const real *cat, struct table ts, struct table tr, real *restrict co,
                          real *restrict ox, real *restrict oy, real *restrict oz,
                          real *restrict os, int *restrict open)
{
    for (size_t m = 0; m < nl; m++) {
        PAIR_BODY(E_FEW, G_LANE, TS_FEW, ts, tr)
        co[m] = c;
        ox[m] = nx, oy[m] = ny, oz[m] = nz;
        os[m] = vu * id;
        open[m] |= vis & (nz <= t->zu[i]) & (nz >= t->zd[i]);
    }
}

/* The GSO-arc table's verdict on the pairs of point i as pairs_alpha forms it: 1 when |alpha|
 * is surely >= alpha0, -1 when the table cannot decide, else 0. */
EPFD_INLINE void few_alpha(const struct few *restrict fw, size_t nl, const struct lanes *t, int i,
                           const float *node, const float *bound, const real *restrict ox,
                           const real *restrict oy, const real *restrict oz,
                           const real *restrict os, int *restrict dec)
{
    for (size_t m = 0; m < nl; m++) {
        ALPHA_BODY(ox[m], oy[m], oz[m], os[m], G_LANE, node, bound)
        dec[m] = (a - bd > fw->a0[m]) - (fabs(a - fw->a0[m]) <= bd);
    }
}

/* The states of the nl emitters of w->list at step k as lanes: the block's row when the list
 * is all of it, else copies. */
static void few_lanes(const struct block *b, int k, size_t nl, struct scratch *w)
{
    struct few *fw = &w->few;
    size_t r = b->row[k];
    if (!b->cull) {
#define EPFD_ROW(name) fw->name = b->name + r;
        EPFD_STATE_REAL(EPFD_ROW)
        fw->off = b->off + r;
        return;
    }
    real *dst = fw->buf;
#define EPFD_COPY(name)                                                                            \
    for (size_t m = 0; m < nl; m++)                                                                \
        dst[m] = b->name[r + w->list[m]];                                                          \
    fw->name = dst, dst += nl;
    EPFD_STATE_REAL(EPFD_COPY)
    int *of = fw->ibuf;
    for (size_t m = 0; m < nl; m++)
        of[m] = b->off[r + w->list[m]];
    fw->off = of;
}

/* The linear sums of a tile of a few points at step k of the block over the nl emitters of
 * w->list, with the emitters as lanes (a lone earth station would leave all but one lane of
 * the tile's loops idle). Each point's sum is formed in emitter order from the same values as
 * in tile_sums, so it has the same bits. */
EPFD_INLINE void few_sums(const struct interf_epfd_plan *p, const struct block *b, int k,
                          const struct epfd_tile *tl, const struct lanes *t, size_t nl,
                          struct scratch *w)
{
    struct few *fw = &w->few;
    const size_t cap = p->n_em ? p->n_em : 1;
    const struct table tr = table_of(&p->es_gain), ts = fw->ts;
    few_lanes(b, k, nl, w);
    int any_sum = 0, any_alpha = 0;
    for (size_t m = 0; m < nl; m++) {
        w->few.open[m] = 0;
        any_alpha |= fw->a0[m] > 0;
        any_sum |= !(fw->a0[m] > 0);
    }
    for (int i = 0; i < (int)tl->n; i++) {
        real *cs = fw->cs + (size_t)i * cap, *co = fw->co + (size_t)i * cap;
        real *ox = fw->ox + (size_t)i * cap, *oy = fw->oy + (size_t)i * cap;
        real *oz = fw->oz + (size_t)i * cap, *os = fw->os + (size_t)i * cap;
        if (any_sum)
            few_sum(fw, nl, t, i, fw->cat, ts, tr, cs);
        if (any_alpha)
            few_open(fw, nl, t, i, fw->cat, ts, tr, co, ox, oy, oz, os, fw->open);
    }
    int any_open = 0;
    for (size_t m = 0; any_alpha && m < nl; m++)
        any_open |= fw->open[m];
    for (int i = 0; i < (int)tl->n; i++) {
        size_t o = (size_t)i * cap;
        int *dec = fw->dec + o;
        if (any_open)
            few_alpha(fw, nl, t, i, p->alpha_node, p->alpha_bound, fw->ox + o, fw->oy + o,
                      fw->oz + o, fw->os + o, dec);
        real acc = 0.0f;
        for (size_t m = 0; m < nl; m++) {
            if (!(fw->a0[m] > 0)) {
                acc += fw->cs[o + m];
                continue;
            }
            real c = fw->co[o + m];
            if (!(c > 0))
                continue;
            /* pairs_alpha and settle_open: the table's verdict, or the exact test */
            if (!fw->open[m] || dec[m] > 0) {
                acc += c;
            } else if (dec[m] < 0) {
                const struct pair_in in = pair_at(b, b->row[k] + w->list[m]);
                if (alpha_exact(p, tl->first + (size_t)i, &in, fw->a0[m]))
                    acc += c;
            }
        }
        w->acc[i] = acc;
    }
    for (int i = (int)tl->n; i < EPFD_TILE_MAX; i++)
        w->acc[i] = 0.0f;
}
