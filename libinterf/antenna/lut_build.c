/* SPDX-License-Identifier: MIT */
/* The lookup-table builder: evaluates a pattern along rows, places knots cell by cell (a
 * breakpoint exactly on a knot, 2^k sub-intervals per side grown until the interpolant meets
 * the budget), and checks the rows of 2-D tables against their midpoints. See lut.c. */
#include "lut_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- evaluation of the direct function along a row ------------------------------------------ */

static double u_to_phi(const struct builder *b, const struct row *rw, double u)
{
    double x = b->kind == ANT_LUT_SCALED ? u / rw->r : u;
    x = x < 0.0 ? 0.0 : x;
    if (b->scale_sin) /* front half: the back repeats it */
        return x >= 1.0 ? 90.0 : asin(x) / INTERF_DEG;
    return x >= 1.0 ? 180.0 : 2.0 * asin(x) / INTERF_DEG;
}

static double phi_to_u(const struct builder *b, const struct row *rw, double phi)
{
    if (b->scale_sin)
        return sin(phi * INTERF_DEG) * rw->r;
    double s = sin(0.5 * phi * INTERF_DEG);
    return b->kind == ANT_LUT_SCALED ? s * rw->r : s;
}

static double row_dbi(const struct builder *b, const struct row *rw, double phi)
{
    if (b->kind == ANT_LUT_SCALED)
        return b->pv->gain_q(b->ant, phi, rw->r);
    if (b->kind == ANT_LUT_AZIMUTH)
        return interf_antenna_gain2_dbi(b->ant, phi, rw->az_eval);
    return interf_antenna_gain_dbi(b->ant, phi);
}

static double row_at_u(const struct builder *b, const struct row *rw, double u)
{
    return row_dbi(b, rw, u_to_phi(b, rw, u));
}

static void row_init(struct builder *b, struct row *rw, double r, double az_eval)
{
    rw->r = r;
    rw->az_eval = az_eval;
    double rp = b->kind == ANT_LUT_AZIMUTH ? az_eval : r;
    rw->nbrk = b->pv->breaks ? b->pv->breaks(b->ant, rp, rw->brk, 64) : 0;
    rw->nnul = 0;
    if (b->pv->nulls && rw->nul)
        rw->nnul = b->pv->nulls(b->ant, rp, rw->nul, ANT_MAXBRK);
    rw->main_deg = b->pv->main_lobe_deg ? b->pv->main_lobe_deg(b->ant, rp) : 0.0;
}

/* --- checks --------------------------------------------------------------------------------- */

/* The exclusion window [*lo, *hi] (deg along the row) around a null of the row at p. A row
 * indexed by w = sin(phi) q stands for every plane: its window is the narrowest plane's,
 * 0.05 deg there is dw = sqrt(q_lo^2 - w^2) 0.05 deg (floored at a tenth of q_lo near 90). */
static void null_window(const struct builder *b, const struct row *rw, double p, double *lo,
                        double *hi)
{
    if (!b->scale_sin) {
        *lo = p - LUT_NULL_DEG;
        *hi = p + LUT_NULL_DEG;
        return;
    }
    double w = sin(p * INTERF_DEG) * rw->r;
    double dw = LUT_NULL_DEG * INTERF_DEG *
                sqrt(fmax(b->q_lo * b->q_lo - w * w, 0.01 * b->q_lo * b->q_lo));
    *lo = asin(fmax(0.0, w - dw) / rw->r) / INTERF_DEG;
    *hi = asin(fmin(rw->r, w + dw) / rw->r) / INTERF_DEG;
}

/* 1 when phi lies within the exclusion of a step or a null of the row. */
static int excluded(const struct builder *b, const struct row *rw, double phi)
{
    for (size_t i = 0; i < rw->nbrk; i++)
        if (rw->brk[i].step && fabs(phi - rw->brk[i].phi_deg) <= LUT_STEP_DEG)
            return 1;
    for (size_t i = 0; i < rw->nnul; i++) {
        double lo, hi;
        null_window(b, rw, rw->nul[i], &lo, &hi);
        if (phi >= lo && phi <= hi)
            return 1;
    }
    return 0;
}

/* The budget at phi where the direct gain is g: the main lobe is phi <= the row's main-lobe
 * end, or, for patterns steered off the axis, within main_lobe_level_db of the peak. */
static double budget(const struct builder *b, const struct row *rw, double phi, double g)
{
    int main = phi <= rw->main_deg ||
               (b->pv->main_lobe_level_db > 0.0 &&
                g >= b->ant->gain_max_dbi - b->pv->main_lobe_level_db);
    return LUT_AIM * (main ? LUT_MAIN_DB : LUT_SIDE_DB);
}

/* A step of the row inside (ua, ub) not on a knot must lie in a sub-interval no wider than its
 * exclusion window, or interpolation across it errs outside the window. */
static int step_ok(const struct builder *b, const struct row *rw, double ua, double ub)
{
    double pa = u_to_phi(b, rw, ua), pb = u_to_phi(b, rw, ub);
    for (size_t i = 0; i < rw->nbrk; i++) {
        double p = rw->brk[i].phi_deg;
        if (rw->brk[i].step && p > pa && p < pb &&
            (pb - p > LUT_STEP_DEG || p - pa > LUT_STEP_DEG))
            return 0;
    }
    return 1;
}

/* The error of the interpolant at u (w of the way from ua to ub) against the budget; points
 * inside an exclusion pass. */
static int point_ok(const struct builder *b, const struct row *rw, double u, double w, double la,
                    double lb)
{
    double phi = u_to_phi(b, rw, u);
    if (excluded(b, rw, phi))
        return 1;
    double g = row_dbi(b, rw, phi);
    if (g <= -299.0)
        return 1;
    double l = la + w * (lb - la);
    return fabs(ant_db(l) - g) <= budget(b, rw, phi, g);
}

/* Does the interpolant between (ua, la) and (ub, lb) (linear gains) meet the budget? Checked at
 * eighths of the interval and just outside the edges of every exclusion window that falls
 * inside it (errors grow towards a null: its window's edge is the worst point kept). */
static int interval_ok(const struct builder *b, const struct row *rw, double ua, double ub,
                       double la, double lb)
{
    if (!step_ok(b, rw, ua, ub))
        return 0;
    for (int i = 1; i < 8; i++)
        if (!point_ok(b, rw, ua + 0.125 * i * (ub - ua), 0.125 * i, la, lb))
            return 0;
    double pa = u_to_phi(b, rw, ua), pb = u_to_phi(b, rw, ub);
    for (size_t i = 0; i < rw->nnul + rw->nbrk; i++) {
        int is_null = i < rw->nnul;
        if (!is_null && !rw->brk[i - rw->nnul].step)
            continue;
        double p = is_null ? rw->nul[i] : rw->brk[i - rw->nnul].phi_deg, wlo, whi;
        if (is_null) {
            null_window(b, rw, p, &wlo, &whi);
        } else {
            wlo = p - LUT_STEP_DEG;
            whi = p + LUT_STEP_DEG;
        }
        for (int side = -1; side <= 1; side += 2) {
            double e = side < 0 ? wlo - 1e-4 * (p - wlo) : whi + 1e-4 * (whi - p);
            if (e <= pa || e >= pb)
                continue;
            double u = phi_to_u(b, rw, e);
            if (!point_ok(b, rw, u, (u - ua) / (ub - ua), la, lb))
                return 0;
        }
    }
    return 1;
}

/* --- cells ---------------------------------------------------------------------------------- */

struct cellplan {
    double split;  /* local position in (0, 1), or 1 */
    int k;
};

/* Local split of cell c: the first step (else kink) of row 0 inside it. */
static double cell_split(const struct builder *b, int c)
{
    const struct row *rw = &b->rows[0];
    double u0 = c / b->cpu, u1 = (c + 1) / b->cpu, best = 1.0;
    int best_step = 0;
    for (size_t i = 0; i < rw->nbrk; i++) {
        double u = phi_to_u(b, rw, rw->brk[i].phi_deg);
        if (u <= u0 || u >= u1)
            continue;
        double f = (u - u0) * b->cpu;
        if (f <= 1e-6 || f >= 1.0 - 1e-6)
            continue;
        if (best == 1.0 || (rw->brk[i].step && !best_step)) {
            best = f;
            best_step = rw->brk[i].step;
        }
    }
    return best;
}

/* The knots of one side of a cell: n + 1 positions u, with the ends nudged inside the side
 * when the side ends at a split (so a step's two limits are both stored). */
static void side_knots(const struct builder *b, int c, double f0, double f1, int n, int nudge0,
                       int nudge1, double *u)
{
    for (int j = 0; j <= n; j++) {
        double f = f0 + (f1 - f0) * j / n;
        u[j] = (c + f) / b->cpu;
    }
    double eps = 1e-12 * fmax(u[n], 1e-6);
    if (nudge0)
        u[0] += eps;
    if (nudge1)
        u[n] -= eps;
}

/* Evaluate one side for every row into vals[row * stride + j] (linear gains); returns 1 when
 * every row meets the budget on it. */
static int side_eval(const struct builder *b, const double *u, int n, double *vals, size_t stride,
                     int check)
{
    int ok = 1;
    for (size_t r = 0; r < b->nrow; r++) {
        double *v = vals + r * stride;
        for (int j = 0; j <= n; j++)
            v[j] = interf_undb(row_at_u(b, &b->rows[r], u[j]));
        for (int j = 0; check && ok && j < n; j++)
            ok = interval_ok(b, &b->rows[r], u[j], u[j + 1], v[j], v[j + 1]);
    }
    return ok;
}

/* Choose k for cell c (the smallest that meets the budget, at most LUT_MAXK). */
static int plan_cell(const struct builder *b, int c, double split, double *ubuf, double *vbuf)
{
    int k = 0;
    for (; k < LUT_MAXK; k++) {
        int n = 1 << k, ok;
        side_knots(b, c, 0.0, split, n, 0, split < 1.0, ubuf);
        ok = side_eval(b, ubuf, n, vbuf, (size_t)n + 1, 1);
        if (ok && split < 1.0) {
            side_knots(b, c, split, 1.0, n, 1, 0, ubuf);
            ok = side_eval(b, ubuf, n, vbuf, (size_t)n + 1, 1);
        }
        if (ok)
            break;
    }
    return k;
}

/* --- assembling the table ------------------------------------------------------------------- */

void ant_lut_free_rows(struct builder *b)
{
    for (size_t r = 0; r < b->nrow; r++)
        free(b->rows[r].nul);
    free(b->rows);
    b->rows = NULL;
    b->nrow = 0;
}


/* Lay out the cells and fill the values of every row. */
enum interf_status ant_lut_assemble(struct builder *b, struct interf_lut *t,
                                    struct interf_error *err)
{
    size_t nmax = ((size_t)1 << LUT_MAXK) + 1;
    double *ubuf = malloc(nmax * sizeof *ubuf), *vbuf = malloc(nmax * b->nrow * sizeof *vbuf);
    struct cellplan *plan = malloc((size_t)b->ncell * sizeof *plan);
    enum interf_status st = INTERF_OK;
    free(t->split);
    free(t->cell);
    free(t->values);
    t->split = malloc((size_t)b->ncell * sizeof *t->split);
    t->cell = malloc((size_t)b->ncell * sizeof *t->cell);
    t->values = NULL;
    if (!ubuf || !vbuf || !plan || !t->split || !t->cell) {
        st = interf_error_set(err, INTERF_ENOMEM, "lookup table: out of memory");
        goto done;
    }
    size_t nknot = 0;
    for (int c = 0; c < b->ncell; c++) {
        plan[c].split = cell_split(b, c);
        plan[c].k = plan_cell(b, c, plan[c].split, ubuf, vbuf);
        t->split[c] = (float)plan[c].split;
        t->cell[c] = (unsigned)nknot | ((unsigned)plan[c].k << 27);
        nknot += ((size_t)1 << plan[c].k) + 1;
        if (plan[c].split < 1.0)
            nknot += ((size_t)1 << plan[c].k) + 1;
    }
    if (nknot > OFF_MASK) {
        st = interf_error_set(err, INTERF_ENOMEM, "lookup table: too many knots");
        goto done;
    }
    t->nknot = nknot;
    t->nrow = b->nrow;
    t->values = malloc(nknot * b->nrow * sizeof *t->values);
    free(b->ku);
    b->ku = malloc(nknot * sizeof *b->ku);
    if (!t->values || !b->ku) {
        st = interf_error_set(err, INTERF_ENOMEM, "lookup table: out of memory");
        goto done;
    }
    for (int c = 0; c < b->ncell; c++) {
        int n = 1 << plan[c].k;
        size_t off = t->cell[c] & OFF_MASK;
        for (int side = 0; side < (plan[c].split < 1.0 ? 2 : 1); side++) {
            double f0 = side ? plan[c].split : 0.0, f1 = side ? 1.0 : plan[c].split;
            side_knots(b, c, f0, f1, n, side == 1, side == 0 && plan[c].split < 1.0, ubuf);
            side_eval(b, ubuf, n, vbuf, (size_t)n + 1, 0);
            for (int j = 0; j <= n; j++)
                b->ku[off + (size_t)side * (n + 1) + j] = ubuf[j];
            for (size_t r = 0; r < b->nrow; r++)
                for (int j = 0; j <= n; j++)
                    t->values[r * nknot + off + (size_t)side * (n + 1) + j] =
                        (float)vbuf[r * ((size_t)n + 1) + j];
        }
    }
done:
    free(ubuf);
    free(vbuf);
    free(plan);
    return st;
}

/* --- rows of 2-D tables --------------------------------------------------------------------- */

static enum interf_status add_row(struct builder *b, double r, double az_eval,
                                  struct interf_error *err)
{
    struct row *nr = realloc(b->rows, (b->nrow + 1) * sizeof *nr);
    if (!nr)
        return interf_error_set(err, INTERF_ENOMEM, "lookup table: out of memory");
    b->rows = nr;
    struct row *rw = &b->rows[b->nrow];
    memset(rw, 0, sizeof *rw);
    if (b->pv->nulls && !(rw->nul = malloc(ANT_MAXBRK * sizeof *rw->nul)))
        return interf_error_set(err, INTERF_ENOMEM, "lookup table: out of memory");
    b->nrow++;
    row_init(b, rw, r, az_eval);
    return INTERF_OK;
}

/* Azimuth segments between the pattern's azimuth steps (one segment of 360 deg without). */
static size_t az_segments(const struct builder *b, double *start, double *width)
{
    double br[16];
    size_t nb = b->pv->az_breaks ? b->pv->az_breaks(b->ant, br, 16) : 0;
    if (nb == 0) {
        start[0] = 0.0;
        width[0] = 360.0;
        return 1;
    }
    for (size_t i = 0; i < nb; i++) {
        start[i] = br[i];
        width[i] = (i + 1 < nb ? br[i + 1] : br[0] + 360.0) - br[i];
    }
    return nb;
}

/* Rows for the current density: scaled rows uniform in q over [q_lo, q_hi]; azimuth rows
 * uniform inside each segment, both ends included (nudged inside, so a step in azimuth has a
 * row on each side). */
enum interf_status ant_lut_make_rows(struct builder *b, struct interf_lut *t, int per,
                                     struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    ant_lut_free_rows(b);
    if (b->kind == ANT_LUT_SCALED) {
        if (b->scale_sin)
            return add_row(b, t->q_hi, 0.0, err);
        for (int i = 0; i < per && st == INTERF_OK; i++)
            st = add_row(b, t->q_lo + (t->q_hi - t->q_lo) * i / (per - 1), 0.0, err);
        return st;
    }
    if (b->kind == ANT_LUT_AXIAL)
        return add_row(b, 1.0, 0.0, err);
    double start[16], width[16];
    t->nseg = az_segments(b, start, width);
    for (size_t sg = 0; sg < t->nseg && st == INTERF_OK; sg++) {
        t->seg_az0[sg] = (float)start[sg];
        t->seg_width[sg] = (float)width[sg];
        t->seg_row0[sg] = b->nrow;
        t->seg_nrow[sg] = (size_t)per;
        for (int i = 0; i < per && st == INTERF_OK; i++) {
            double az = start[sg] + width[sg] * i / (per - 1);
            double nudge = i == 0 ? 1e-9 : i == per - 1 ? -1e-9 : 0.0;
            st = add_row(b, az, ant_wrap360(az + nudge), err);
        }
    }
    return st;
}

/* Between each pair of neighbouring rows, the mid row against the blend of the two: at every
 * knot and sub-interval middle, the blend must match the mid row's own interpolant (the
 * along-u error is the cells' business) within LUT_ROW_AIM of the budget. */
#define LUT_ROW_AIM 0.3

static int same_segment(const struct builder *b, const struct interf_lut *t, size_t r)
{
    if (b->kind != ANT_LUT_AZIMUTH)
        return 1;
    for (size_t sg = 0; sg < t->nseg; sg++)
        if (r >= t->seg_row0[sg] && r + 1 < t->seg_row0[sg] + t->seg_nrow[sg])
            return 1;
    return 0;
}

static int mid_ok(const struct builder *b, const struct interf_lut *t, const struct row *mid,
                  size_t r, size_t j)
{
    if (!(b->ku[j + 1] > b->ku[j]))
        return 1;
    double m0 = interf_undb(row_at_u(b, mid, b->ku[j]));
    double m1 = interf_undb(row_at_u(b, mid, b->ku[j + 1]));
    for (int h = 0; h < 2; h++) {
        double w = 0.5 * h, u = b->ku[j] * (1.0 - w) + b->ku[j + 1] * w;
        double phi = u_to_phi(b, mid, u);
        if (excluded(b, mid, phi) || !step_ok(b, mid, b->ku[j], b->ku[j + 1]))
            continue;
        size_t i0 = r * t->nknot + j, i1 = (r + 1) * t->nknot + j;
        double l = 0.5 * ((1 - w) * t->values[i0] + w * t->values[i0 + 1] +
                          (1 - w) * t->values[i1] + w * t->values[i1 + 1]);
        double m = (1 - w) * m0 + w * m1;
        if (m < 1e-29)
            continue;
        double lim = LUT_ROW_AIM / LUT_AIM * budget(b, mid, phi, ant_db(m));
        if (!(fabs(ant_db(l) - ant_db(m)) <= lim)) {
            return 0;
        }
    }
    return 1;
}

int ant_lut_rows_ok(struct builder *b, struct interf_lut *t, struct interf_error *err,
                    int *oom)
{
    struct row mid;
    memset(&mid, 0, sizeof mid);
    if (b->pv->nulls && !(mid.nul = malloc(ANT_MAXBRK * sizeof *mid.nul))) {
        *oom = interf_error_set(err, INTERF_ENOMEM, "lookup table: out of memory");
        return 1;
    }
    int ok = 1;
    for (size_t r = 0; ok && r + 1 < b->nrow; r++) {
        if (!same_segment(b, t, r))
            continue;
        double rm = 0.5 * (b->rows[r].r + b->rows[r + 1].r);
        row_init(b, &mid, rm, ant_wrap360(rm));
        for (size_t j = 0; ok && j + 1 < t->nknot; j++)
            ok = mid_ok(b, t, &mid, r, j);
    }
    free(mid.nul);
    return ok;
}
