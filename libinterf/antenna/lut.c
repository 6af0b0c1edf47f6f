/* SPDX-License-Identifier: MIT */
/* Lookup tables of the antenna patterns for the kernels: linear gain against
 * s = sin(phi/2) = |v - b|/2, in uniform cells each holding at most one breakpoint of the
 * pattern exactly on a knot and 2^k uniform sub-intervals on each side, k grown per cell until
 * linear interpolation meets the error budget against the direct function (0.01 dB in the main
 * lobe, 0.05 dB elsewhere, outside +-0.01 deg of steps and +-0.05 deg of true nulls; the
 * builder aims at 60 % of it to leave room for the fp32 evaluation). 2-D tables are rows of
 * such tables (see interf_lut in antenna.h). */
#include "lut_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void interf_lut_destroy(struct interf_lut *t)
{
    if (!t)
        return;
    free(t->split);
    free(t->cell);
    free(t->values);
    for (int k = 0; k < 5; k++)
        free(t->arr[k]);
    free(t);
}

/* --- build ---------------------------------------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static enum interf_status setup(struct builder *b, struct interf_lut *t)
{
    const struct interf_antenna *ant = b->ant;
    b->kind = interf_antenna_azimuthal(ant) ? (int)b->pv->lut2 : ANT_LUT_AXIAL;
    t->kind = b->kind;
    b->ncell = b->kind == ANT_LUT_AXIAL ? LUT_CELLS_1D : LUT_CELLS_2D;
    b->umax = 1.0;
    b->s_tail = 2.0;

    if (b->kind == ANT_LUT_SCALED) {
        double lo, hi, phi_tail, tail_dbi;
        b->pv->scale_range(ant, &lo, &hi);
        if (hi > 10.0 * lo)
            return INTERF_EINPUT;
        t->q_lo = (float)lo;
        t->q_hi = (float)hi;
        /* q(az)^2 = cos^2 az + ratio^2 sin^2 az with q(90) = ratio */
        double q90 = b->pv->scale(ant, 90.0);
        t->qz2 = (float)(q90 * q90);
        b->umax = hi;
        b->scale_sin = b->pv->scale_sin;
        t->scale_sin = b->scale_sin;
        b->q_lo = lo;
        b->pv->tail(ant, &phi_tail, &tail_dbi);
        b->s_tail = phi_tail <= 180.0 ? sin(0.5 * phi_tail * INTERF_DEG) : 2.0;
        /* the tail must hold in every plane (a broad beam's side lobes can run past it) */
        for (double phi = phi_tail + 0.25; phi <= 180.0; phi += 0.25)
            for (double az = 0.0; az <= 90.0; az += 15.0)
                if (fabs(interf_antenna_gain2_dbi(ant, phi, az) - tail_dbi) > 1e-9)
                    return INTERF_EINPUT;
        t->s_tail = (float)b->s_tail;
        t->tail_lin = (float)interf_undb(tail_dbi);
    }
    t->ncell = b->ncell;
    b->cpu = b->ncell / b->umax;
    t->cells_per_unit = (float)b->cpu;
    return INTERF_OK;
}

enum interf_status interf_lut_build(const struct interf_antenna *ant, struct interf_lut **out,
                                    struct interf_error *err)
{
    if (!ant || !ant->def || !out || !ant->def->priv)
        return interf_error_set(err, INTERF_EINVAL, "interf_lut_build: invalid arguments");
    *out = NULL;
    double t0 = now_s();
    struct builder b;
    memset(&b, 0, sizeof b);
    b.ant = ant;
    b.pv = ant->def->priv;
    struct interf_lut *t = calloc(1, sizeof *t);
    if (!t)
        return interf_error_set(err, INTERF_ENOMEM, "lookup table: out of memory");
    enum interf_status st;
    if (b.pv->lut2 == ANT_LUT_ARRAY) {
        if ((st = ant_array_lut(ant, t, err)) != INTERF_OK)
            goto fail;
        t->gain_max_dbi = ant->gain_max_dbi;
        t->build_s = now_s() - t0;
        *out = t;
        return INTERF_OK;
    }
    st = setup(&b, t);
    if (st != INTERF_OK) {
        st = interf_error_set(err, INTERF_EINPUT,
                              "lookup table: %s: axis ratio above 10, or side lobes past the"
                              " fixed far-out level: use the direct function",
                              ant->def->name);
        goto fail;
    }
    /* rows: start with 2 (scaled) or 3 per segment (azimuth), double until the mid rows meet
     * the budget */
    int per = b.kind == ANT_LUT_SCALED ? 2 : 3;
    for (;;) {
        if ((st = ant_lut_make_rows(&b, t, per, err)) != INTERF_OK)
            goto fail;
        if ((st = ant_lut_assemble(&b, t, err)) != INTERF_OK)
            goto fail;
        if (b.kind == ANT_LUT_AXIAL || b.scale_sin)
            break;
        int oom = 0;
        int ok = ant_lut_rows_ok(&b, t, err, &oom);
        if (oom) {
            st = INTERF_ENOMEM;
            goto fail;
        }
        size_t nseg = b.kind == ANT_LUT_AZIMUTH ? t->nseg : 1;
        if (ok || (size_t)(2 * per - 1) * nseg > LUT_MAXROWS)
            break;
        per = 2 * per - 1;
    }
    t->gain_max_dbi = ant->gain_max_dbi;
    t->build_s = now_s() - t0;
    ant_lut_free_rows(&b);
    free(b.ku);
    *out = t;
    return INTERF_OK;
fail:
    ant_lut_free_rows(&b);
    free(b.ku);
    interf_lut_destroy(t);
    return st;
}

size_t interf_lut_bytes(const struct interf_lut *t)
{
    if (!t)
        return 0;
    size_t n = sizeof *t + (size_t)t->ncell * (sizeof *t->split + sizeof *t->cell) +
               t->nknot * t->nrow * sizeof *t->values;
    for (int k = 0; k < 5; k++)
        if (t->arr[k])
            n += ((size_t)t->arr_n[k] + 1) * sizeof(float);
    return n;
}

/* --- evaluation (fp32, branch-light) -------------------------------------------------------- */

/* Linear interpolation in row r at index variable u (>= 0). */
static float row_lookup(const struct interf_lut *t, size_t r, float u)
{
    float x = u * t->cells_per_unit;
    int c = (int)x;
    if (c >= t->ncell)
        c = t->ncell - 1;
    if (c < 0)
        c = 0;
    float f = x - (float)c;
    f = f > 1.0f ? 1.0f : f < 0.0f ? 0.0f : f;
    float p = t->split[c];
    unsigned e = t->cell[c];
    int n = 1 << (e >> 27);
    size_t base = r * t->nknot + (e & OFF_MASK);
    float pos;
    if (f < p || p >= 1.0f) {
        pos = f / p * (float)n;
    } else {
        pos = (f - p) / (1.0f - p) * (float)n;
        base += (size_t)n + 1;
    }
    int j = (int)pos;
    if (j > n - 1)
        j = n - 1;
    float w = pos - (float)j;
    const float *v = t->values + base + j;
    return v[0] + w * (v[1] - v[0]);
}

float interf_lut_gain_lin(const struct interf_lut *t, float s)
{
    return interf_lut_gain2_lin(t, s, 0.0f);
}

float interf_lut_gain_db(const struct interf_lut *t, float s)
{
    float l = interf_lut_gain_lin(t, s);
    return l > 0.0f ? 10.0f * log10f(l) : -300.0f;
}

static float scaled_lookup(const struct interf_lut *t, float s, float az_deg)
{
    if (s > t->s_tail)
        return t->tail_lin;
    float c = cosf(az_deg * (float)INTERF_DEG), sn = sinf(az_deg * (float)INTERF_DEG);
    float q = sqrtf(c * c + t->qz2 * sn * sn);
    if (t->scale_sin) /* w = sin(phi) q, sin(phi) = 2 s sqrt(1 - s^2) */
        return row_lookup(t, 0, 2.0f * s * sqrtf(fmaxf(0.0f, 1.0f - s * s)) * q);
    float x = (q - t->q_lo) / (t->q_hi - t->q_lo) * (float)(t->nrow - 1);
    int r = (int)x;
    if (r > (int)t->nrow - 2)
        r = (int)t->nrow - 2;
    if (r < 0)
        r = 0;
    float w = x - (float)r, u = s * q;
    return (1.0f - w) * row_lookup(t, (size_t)r, u) + w * row_lookup(t, (size_t)r + 1, u);
}

static float azimuth_lookup(const struct interf_lut *t, float s, float az_deg)
{
    float a = fmodf(az_deg, 360.0f);
    if (a < 0.0f)
        a += 360.0f;
    if (a < t->seg_az0[0])
        a += 360.0f;
    size_t sg = 0;
    while (sg + 1 < t->nseg && a >= t->seg_az0[sg + 1])
        sg++;
    float x = (a - t->seg_az0[sg]) / t->seg_width[sg] * (float)(t->seg_nrow[sg] - 1);
    int r = (int)x;
    if (r > (int)t->seg_nrow[sg] - 2)
        r = (int)t->seg_nrow[sg] - 2;
    if (r < 0)
        r = 0;
    float w = x - (float)r;
    size_t r0 = t->seg_row0[sg] + (size_t)r;
    return (1.0f - w) * row_lookup(t, r0, s) + w * row_lookup(t, r0 + 1, s);
}

/* Linear interpolation in a uniform table of n intervals over [x0, x1]. In double: the array
 * tables reach 2^17 intervals, where an fp32 index would lose the position within one. */
static double uniform_lookup(const float *v, int n, double x0, double x1, double x)
{
    double pos = (x - x0) / (x1 - x0) * n;
    pos = pos < 0.0 ? 0.0 : pos > n ? n : pos;
    int j = (int)pos;
    if (j > n - 1)
        j = n - 1;
    double w = pos - j;
    return v[j] + w * ((double)v[j + 1] - v[j]);
}

/* M.2101: direction cosines from (s, azimuth about the normal from the horizontal axis),
 * then the five factors. Evaluated in double from the fp32 arguments: near end-fire a deep null
 * of a large array sits within a few fp32 ulps of y = 1. */
static float array_lookup(const struct interf_lut *t, float s_f, float az_deg)
{
    double s = s_f, st = 2.0 * s * sqrt(fmax(0.0, 1.0 - s * s)), x = 1.0 - 2.0 * s * s;
    double y = st * cos(az_deg * INTERF_DEG), z = st * sin(az_deg * INTERF_DEG);
    double ah = uniform_lookup(t->arr[0], t->arr_n[0], -1.0, 1.0, y);
    double av = uniform_lookup(t->arr[1], t->arr_n[1], -1.0, 1.0, z);
    double sub = t->arr[2] ? uniform_lookup(t->arr[2], t->arr_n[2], -1.0, 1.0, z) : 1.0;
    double rxy = sqrt(x * x + y * y);
    double sh = rxy > 1e-300 ? sqrt(fmax(0.0, 0.5 * (1.0 - x / rxy))) : 0.0;
    double eh = uniform_lookup(t->arr[3], t->arr_n[3], 0.0, 1.0, sh);
    double sv = sqrt(fmax(0.0, 0.5 * (1.0 - fabs(z))));
    double ev = uniform_lookup(t->arr[4], t->arr_n[4], 0.0, sqrt(0.5), sv);
    double e = t->arr_ge_lin * fmax(eh * ev, t->arr_am_lin);
    /* 1 + rho (|AF|^2 - 1) as (1 - rho) + rho |AF|^2: the first form loses the nulls */
    return (float)(e * sub * ((1.0 - t->arr_rho) + t->arr_rho * (ah * ah * av * av)));
}

float interf_lut_gain2_lin(const struct interf_lut *t, float s, float azimuth_deg)
{
    s = s < 0.0f ? 0.0f : s > 1.0f ? 1.0f : s;
    if (t->kind == ANT_LUT_ARRAY)
        return array_lookup(t, s, azimuth_deg);
    if (t->kind == ANT_LUT_SCALED)
        return scaled_lookup(t, s, azimuth_deg);
    if (t->kind == ANT_LUT_AZIMUTH)
        return azimuth_lookup(t, s, azimuth_deg);
    return row_lookup(t, 0, s);
}
