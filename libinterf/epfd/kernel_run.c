/* SPDX-License-Identifier: MIT */
/* Running an EPFD plan: blocks of time steps are propagated once, then every ground tile runs
 * the steps of the block (its sums and histogram rows stay in cache), with only the satellites
 * whose visibility cap can reach the tile. The per-pair loop is fused and branch-free, in fp32,
 * with no acos, log10 or pow: cosines from dot products, gains from tables indexed by the half
 * chord, the GSO-arc test from per-latitude tables.
 *
 *   epfd(g, t) = 10 log10 sum_s P_s Gt(theta_gs) / (4 pi d_gs^2) * Gr(phi_gs) / Gr,max
 *
 * (RR No. 22.5C.1; Rec. ITU-R S.1503-4 (09/2023) §D5.1 without operator masks.)
 *
 * The working type is `real`: single precision here, double when kernel_run64.c compiles this
 * file again for plans with spec.fp64 (tgmath.h picks sqrtf or sqrt by the argument's type;
 * float literals are exact in both). */
#include <omp.h>
#include <tgmath.h>
#include <stdlib.h>
#include <string.h>

#include "epfd_impl.h"
#include "interf/geo.h"
#include "interf/orbit.h"

#ifdef EPFD_FP64
typedef double real;
#define CHORD_FROM epfd_chord_from64
typedef struct epfd_geom_d geom_t;
#define GEOM(pts) (&(pts)->d)
#define TABLE(g) ((g)->dvs)
#define EPFD_RUN epfd_run_slice_fp64
#else
typedef float real;
#define CHORD_FROM epfd_chord_from
typedef struct epfd_geom_f geom_t;
#define GEOM(pts) (&(pts)->f)
#define TABLE(g) ((g)->vs)
#define EPFD_RUN interf_epfd_run_slice
#endif

/* What one emitter at one step needs in the pair loops. */
struct pair_in {
    real sx, sy, sz;           /* satellite position, km */
    real bx, by, bz;           /* beam boresight, unit */
    real p, s2;                /* power term; sin^2 of the minimum elevation when it is
                                  above the horizon, else 0 (no test beyond vu > 0) */
};

/* What an emitter's state holds at every step, in the working type: its power term, s2 (as in
 * struct pair_in), GSO-arc angle, its gain table's place in the run's tables (struct few),
 * whether it has a beam that points at nadir, and a beam that needs a 2-D table (a pfd-mask
 * emitter has no beam). */
struct em_const {
    real p, s2, a0;
    int off, code;
    unsigned char nadir, lut;
};

/* The fields of struct pair_in in the emitter states of a block, with the emitter's GSO-arc
 * angle alpha0 (rad, 0: none). */
#define EPFD_STATE_REAL(X) X(sx) X(sy) X(sz) X(bx) X(by) X(bz) X(p) X(s2) X(a0)
#define EPFD_STATE_FIELD(name) real *name;

/* Emitter states of one block of steps, by slot: the emitters evaluated at a step fill its row
 * of slots, in emitter order, and the rows follow one another (all the emitters, or those of
 * the satellites in a window: then a block's states are a few dozen entries a step, together).
 * One array per field, so that a row is a tile's emitters as lanes (few_sums). */
struct block {
    EPFD_STATE_REAL(EPFD_STATE_FIELD)
    int *off;            /* the emitter's gain table in the run's tables (struct few) */
    int *code;           /* its GSO-arc verdicts in the plan's alpha_code */
    const struct em_const *ec; /* by emitter */
    real *fx, *fy, *fz; /* the beam's azimuth frame's x axis (interf_beam_frame; 2-D patterns) */
    double *ux, *uy, *uz; /* unit vector of the satellite's position (for culling) */
    double *lam;         /* Earth-central angle of the visibility cap plus the cull margin */
    double *clam, *slam; /* its cosine and sine */
    size_t *live;        /* the emitter in each slot */
    size_t n_live[EPFD_BLOCK]; /* slots used at each step */
    int cull;                  /* 1: cull data filled, tiles culled; 0 for a lone tile of a few
                                  points with windows, which leave nearly nothing to cull */
    size_t row[EPFD_BLOCK];    /* the first slot of each step */
};

/* The points of one tile packed for the pair loops: one array of EPFD_TILE_MAX lanes per field
 * (one base pointer, fixed trip counts, no remainder loops); lanes past the tile's points have
 * a zero up vector, so that nothing is ever visible from them. Fields as in EPFD_GEOM_FIELDS,
 * with the declination bound (zu, zd) and the GSO-arc table of each point. */
#define EPFD_LANE_FIELDS(X) X(gx) X(gy) X(gz) X(ux) X(uy) X(uz) X(px) X(py) X(pz) X(ex) X(ey) \
    X(ez) X(nx) X(ny) X(nz)
#define EPFD_LANES(name) _Alignas(64) real name[EPFD_TILE_MAX];
struct lanes {
    EPFD_LANE_FIELDS(EPFD_LANES)
    real zu[EPFD_TILE_MAX], zd[EPFD_TILE_MAX];
    int32_t alpha[EPFD_TILE_MAX];
    double cr, sr;             /* cosine and sine of the tile's cap radius (for culling) */
};

/* The emitters that pass a super tile's cull at one step, their cull data gathered into
 * contiguous arrays so that the cull of each of its tiles is one vector loop. */
struct cands {
    size_t n;
    size_t *em;                /* emitter */
    double *ux, *uy, *uz, *lam, *clam, *slam; /* as in struct block */
    int64_t *pass;             /* the tile cull's verdicts (64-bit: the width of the tests) */
};

/* Bins of one tile over a block of steps. */
#define EPFD_BIN_ROWS (EPFD_BLOCK * EPFD_TILE_MAX)

/* One emitter's pairs with the points of a tile, kept for the GSO-arc test: each contribution
 * and its direction. */
struct pair_out {
    _Alignas(64) real c[EPFD_TILE_MAX]; /* P Gt Gr / (4 pi d^2 Gr,max), 0 when not visible */
    real nx[EPFD_TILE_MAX], ny[EPFD_TILE_MAX], nz[EPFD_TILE_MAX]; /* unit direction */
    real su[EPFD_TILE_MAX];             /* sin(elevation) */
};

/* One emitter's pairs with the points of a tile up to the gain look-ups (pairs_geom). */
struct pair_geo {
    _Alignas(64) real qs[EPFD_TILE_MAX]; /* squared chords at the satellite and the station */
    real qr[EPFD_TILE_MAX];
    real id2[EPFD_TILE_MAX];            /* 1 / d^2 */
    real vis[EPFD_TILE_MAX];            /* 1 when visible, else 0 */
};

/* Points per tile up to which the pairs run with the tile's emitters as lanes (few_sums). */
#define EPFD_FEW_POINTS 4

/* A gain table as the pair loops read it. */
struct table {
    const real *vs;           /* interleaved value and slope (epfd_gain) */
    real h;                   /* cells per unit of the half chord (n / 2 of the full chord) */
    int last;                 /* the last cell read: the start of its flat end */
    int run0;                 /* a flat run of cells [run0, run0 + run_n) read as cell run0 */
    unsigned run_n;
    /* The squared chords q = |n +- b|^2 whose cell lies in the run, [q_run0, q_run1), or in
     * the flat end, q >= q_end: there a look-up gives the run's or the end's value, which the
     * tile loops take without the square root and the gather (pairs_gain); +inf where the
     * table has no such part (table_of), or it is not worked out (table_flat). */
    real q_run0, q_run1, q_end;
};

#define EPFD_FEW_FIELD(name) const real *name;
/* A tile's emitters as lanes, for tiles of a few points (few_sums): their states (a row of the
 * block, or copies of the emitters that pass the tile's cull), then what their pairs with each
 * point gave, [point][emitter]. */
struct few {
    const real *cat;            /* the satellite gain tables, one after the other; NULL when
                                   some pattern needs a 2-D table (then tiles take tile_sums) */
    struct table ts;            /* their look-ups: scale, and the last cell read (the latest
                                   flat start of them all: past it each is flat); vs unused */
    struct table tr;            /* the earth station's table (with its flat parts) */
    EPFD_STATE_REAL(EPFD_FEW_FIELD)
    const int *off;             /* the emitter's table in cat */
    real *buf;                  /* room for the copies: 9 fields */
    int *ibuf;                  /* and 1 */
    real *cs;                   /* contributions, as pairs_sum forms them */
    real *co, *ox, *oy, *oz, *os; /* as pairs_open forms them, with direction and sin(el) */
    int *open;                  /* [emitter]: the GSO-arc test of some point is open */
    int *dec;                   /* the GSO-arc table's verdict (few_alpha) */
};

struct chan_run;
struct chan_scratch;

/* Per-thread scratch of one tile. */
struct scratch {
    _Alignas(64) real acc[EPFD_TILE_MAX];  /* linear sum of the step */
    real und[EPFD_TILE_MAX];  /* contributions the GSO-arc table could not decide */
    struct pair_out pair;      /* one emitter's pairs with the tile */
    struct pair_geo geo;       /* their geometry (pairs_geom) */
    struct pair_out *rows;     /* each emitter's (tile_sums_arc; NULL when not needed) */
    size_t *open;              /* the emitters whose GSO-arc test is open (tile_sums_arc) */
    struct lanes *lanes;       /* the super tile's tiles, packed */
    struct cands cands;        /* candidates of the super tile at the current step */
    int16_t *bin;              /* bins of the super tile's tiles over the block's steps:
                                  [tile][step][point] */
    size_t *list;              /* emitters that pass the tile's cull */
    struct few few;            /* tiles of a few points */
    struct chan_scratch *ch;   /* frequency-resolved runs (kernel_chan.h), else NULL */
};

#if defined(__x86_64__) && defined(__GNUC__)
#define EPFD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define EPFD_CLONES
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
/* The tile's sums in an AVX-512 and an AVX2 variant, picked like target_clones picks (CPUID:
 * under valgrind, which has no AVX-512, the AVX2 one). The AVX-512 one is tuned so that gcc
 * gathers the gain tables' entries (vpgatherdq): its generic tuning builds every gather from
 * scalar loads, 7.2 instead of 5.1 ns a visible pair (bench_epfd, Sapphire Rapids). Tuning
 * changes no arithmetic (ISO C: no contraction): every variant gives the same bits. */
#define EPFD_TARGET_512                                                                            \
    __attribute__((target("avx512f,tune=sapphirerapids,prefer-vector-width=512")))
#define EPFD_TARGET_256 __attribute__((target("avx2")))
#endif
/* The pair loops are inlined into the tile's emitter loop, which carries the dispatch: one
 * indirect call per tile and step instead of one per emitter (16 pairs). */
#define EPFD_INLINE static inline __attribute__((always_inline))

/* Two neighbouring floats p[0], p[1] read with one 8-byte load: the vector loops then gather
 * 8-byte pairs, half the gathered elements of two 4-byte gathers. */
EPFD_INLINE void float_pair(const float *p, float *a, float *b)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    uint32_t lo = (uint32_t)w, hi = (uint32_t)(w >> 32);
    memcpy(a, &lo, sizeof *a);
    memcpy(b, &hi, sizeof *b);
}

/* The linear gain in cell i of a table (interleaved value and slope at pair = vs + 2 i) at the
 * fraction x of the cell; in single precision the two read as one pair. */
#ifdef EPFD_FP64
#define GAIN_LERP(pair, x) ((pair)[0] + (x) * (pair)[1])
#else
#define GAIN_LERP(pair, x) gain_lerp(pair, x)
EPFD_INLINE float gain_lerp(const float *pair, float x)
{
    float v, s;
    float_pair(pair, &v, &s);
    return v + x * s;
}
#endif

/* n[0] + x (n[1] - n[0]) of two neighbouring nodes of a GSO-arc table, read as one pair */
EPFD_INLINE real node_lerp(const float *n, real x)
{
    float a, b;
    float_pair(n, &a, &b);
    return a + x * (b - a);
}

EPFD_INLINE struct table table_of(const struct epfd_gain *g)
{
    return (struct table){TABLE(g), (real)g->n * 0.5f, g->flat, g->run0, (unsigned)g->run_n,
                          INFINITY, INFINITY, INFINITY};
}

/* Table t with its flat parts' squared chords (struct table) worked out; flat_end: its flat
 * end is one value (epfd_gain.flat_end). */
static struct table table_flat(struct table t, int flat_end)
{
    if (t.run_n > 0) {
        t.q_run0 = CHORD_FROM(t.h, t.run0);
        t.q_run1 = CHORD_FROM(t.h, t.run0 + (int)t.run_n);
    }
    if (flat_end)
        t.q_end = CHORD_FROM(t.h, t.last);
    return t;
}

/* The body of the pair loops for one pair: the contribution of an emitter at a point (0 when
 * not visible), its unit direction n and sin(elevation) vu id. E(f) reads the emitter's field f
 * (struct pair_in), G(f) the point's (struct lanes), TS(k) the satellite table's entry k (table
 * ts gives its scale and last cell), tr is the earth station's table. The same expressions in
 * the same order everywhere: the results keep their bits whichever loop runs (and over which
 * lanes: points of a tile, or emitters of a point). */
#define PAIR_BODY(E, G, TS, ts, tr)                                                                \
    PAIR_GEOM(E, G)                                                                                \
    TABLE_GAIN(TS(0), ts, qs, gt)                                                                  \
    TABLE_GAIN((tr).vs, tr, qr, gr)                                                                \
    real c = (real)vis * (E(p) * gt * gr * (id * id));

/* PAIR_BODY up to the look-ups: the squared chords qs = |n + b|^2 = 4 sin^2(theta/2) at the
 * satellite and qr = |n - p|^2 = 4 sin^2(phi/2) at the station, and the visibility. */
#define PAIR_GEOM(E, G)                                                                            \
    real vx = E(sx) - G(gx), vy = E(sy) - G(gy), vz = E(sz) - G(gz);                               \
    real d2 = vx * vx + vy * vy + vz * vz;                                                         \
    real vu = vx * G(ux) + vy * G(uy) + vz * G(uz);                                                \
    real id = 1.0f / sqrt(d2);                                                                     \
    real nx = vx * id, ny = vy * id, nz = vz * id;                                                 \
    real ax = nx + E(bx), ay = ny + E(by), az = nz + E(bz);                                        \
    real ex = nx - G(px), ey = ny - G(py), ez = nz - G(pz);                                        \
    real qs = ax * ax + ay * ay + az * az, qr = ex * ex + ey * ey + ez * ez;                       \
    /* elevation >= the minimum, without asin: vu / d >= sin(min) */                              \
    int vis = (vu > 0.0f) & (vu * vu >= E(s2) * d2);

/* The look-up g of table t (its entries from vs) at the squared chord q. */
#define TABLE_GAIN(vs, t, q, g)                                                                    \
    real f_##g = sqrt(q) * (t).h;                                                                  \
    int i_##g = (int)f_##g;                                                                        \
    i_##g = i_##g < (t).last ? i_##g : (t).last;                                                   \
    i_##g = (unsigned)(i_##g - (t).run0) < (t).run_n ? (t).run0 : i_##g;                           \
    real g = GAIN_LERP((vs) + 2 * i_##g, f_##g - (real)i_##g);

/* The cell (ix, iy) of the GSO-arc table of a point (G as in PAIR_BODY) holding the unit
 * direction (NX, NY, NZ) of sin(elevation) SU, and the direction's place (fx, fy) in it: its
 * stereographic coordinates in the point's east-north frame. */
#define ALPHA_CELL(NX, NY, NZ, SU, G)                                                              \
    real le = NX * G(ex) + NY * G(ey) + NZ * G(ez);                                                \
    real ln = NX * G(nx) + NY * G(ny) + NZ * G(nz);                                                \
    real k = 1.0f / (1.0f + SU);                                                                   \
    real fx = (le * k + EPFD_ALPHA_EXTENT) * EPFD_ALPHA_SCALE;                                     \
    real fy = (ln * k + EPFD_ALPHA_EXTENT) * EPFD_ALPHA_SCALE;                                     \
    int ix = (int)fx, iy = (int)fy;                                                                \
    /* integer clamps: gcc 12 if-converts these, not real ones */                                  \
    ix = ix > 0 ? ix : 0;                                                                          \
    ix = ix < EPFD_ALPHA_CELLS - 1 ? ix : EPFD_ALPHA_CELLS - 1;                                    \
    iy = iy > 0 ? iy : 0;                                                                          \
    iy = iy < EPFD_ALPHA_CELLS - 1 ? iy : EPFD_ALPHA_CELLS - 1;                                    \
    fx -= (real)ix;                                                                                \
    fy -= (real)iy;

/* The table's |alpha| (a) and error bound (bd) there (node, bound: the plan's tables). */
#define ALPHA_BODY(NX, NY, NZ, SU, G, node, bound)                                                 \
    ALPHA_CELL(NX, NY, NZ, SU, G)                                                                  \
    /* int offsets: gcc 12 vectorises the gathers with them, not with size_t ones */              \
    int q = G(alpha) * EPFD_ALPHA_NODES + iy * (EPFD_ALPHA_CELLS + 1) + ix;                        \
    const int up = EPFD_ALPHA_CELLS + 1;                                                           \
    real lo = node_lerp((node) + q, fx);                                                           \
    real hi = node_lerp((node) + q + up, fx);                                                      \
    real a = lo + fy * (hi - lo);                                                                  \
    real bd = (bound)[G(alpha) * EPFD_ALPHA_BOUNDS + iy * EPFD_ALPHA_CELLS + ix];

/* Accessors of PAIR_BODY for the lanes of a tile: the emitter in slot q of block b, point i of
 * tile t, table ts. */
#define E_BLK(f) b->f[q]
#define G_LANE(f) t->f[i]
#define TS_LANE(k) (ts.vs + (k))

/* 1 where a look-up of table t at the squared chord q falls in its run or its flat end */
#define TABLE_FLAT(t, q) ((((q) >= (t).q_run0) & ((q) < (t).q_run1)) | ((q) >= (t).q_end))

/* The pairs of a tile with the emitter in slot q up to the look-ups (PAIR_GEOM), into g, with
 * their directions and sin(elevation) into o unless NULL. Returns PAIRS_LOOK_S and PAIRS_LOOK_R
 * when some visible pair needs a look-up of the satellite's table ts or the station's table tr
 * (it falls outside their flat parts), PAIRS_OPEN when the declination bound
 * (epfd_points.zu, zd) leaves the GSO-arc test of some visible pair open. */
enum { PAIRS_LOOK_S = 1, PAIRS_LOOK_R = 2, PAIRS_OPEN = 4 };
EPFD_INLINE int pairs_geom(const struct block *b, size_t q, const struct lanes *t,
                           const struct table *ts, const struct table *tr,
                           struct pair_geo *restrict g, struct pair_out *restrict o)
{
    int f = 0; /* one reduction of the three flags: each costs a horizontal one */
    for (int i = 0; i < EPFD_TILE_MAX; i++) {
        PAIR_GEOM(E_BLK, G_LANE)
        g->qs[i] = qs, g->qr[i] = qr, g->id2[i] = id * id, g->vis[i] = (real)vis;
        int open = 0;
        if (o) {
            o->nx[i] = nx, o->ny[i] = ny, o->nz[i] = nz;
            o->su[i] = vu * id;
            open = (nz <= t->zu[i]) & (nz >= t->zd[i]);
        }
        f |= vis * (!TABLE_FLAT(*ts, qs) * PAIRS_LOOK_S | !TABLE_FLAT(*tr, qr) * PAIRS_LOOK_R |
                    open * PAIRS_OPEN);
    }
    return f;
}

/* The contributions c of the pairs in g (pairs_geom) with an emitter of power term pw: the
 * satellite's and the station's gains by look-up where look_s, look_r, else from the flat
 * parts (the look-up's bits: value + fraction x 0), as PAIR_BODY forms them. */
EPFD_INLINE void pairs_gain(const struct pair_geo *restrict g, struct table ts, struct table tr,
                            real pw, int look_s, int look_r, real *restrict c)
{
    const real s_run = ts.vs[2 * ts.run0], s_end = ts.vs[2 * ts.last];
    const real r_run = tr.vs[2 * tr.run0], r_end = tr.vs[2 * tr.last];
    /* (simd: else gcc 12 unrolls the flat-flat variant whole before it vectorizes, and leaves it
     * scalar) */
#pragma omp simd
    for (int i = 0; i < EPFD_TILE_MAX; i++) {
        real qs = g->qs[i], qr = g->qr[i], gt, gr;
        if (look_s) {
            TABLE_GAIN(ts.vs, ts, qs, gs)
            gt = gs;
        } else {
            gt = qs >= ts.q_end ? s_end : s_run;
        }
        if (look_r) {
            TABLE_GAIN(tr.vs, tr, qr, gl)
            gr = gl;
        } else {
            gr = qr >= tr.q_end ? r_end : r_run;
        }
        c[i] = g->vis[i] * (pw * gt * gr * g->id2[i]);
    }
}

/* A tile's pairs with the emitter in slot q: their contributions into c (and with o as
 * pairs_geom), by the variant of pairs_gain its pairs need. Returns pairs_geom's flags. */
EPFD_INLINE int pairs_tile(const struct block *b, size_t q, const struct lanes *t, struct table ts,
                           struct table tr, struct pair_geo *restrict g,
                           struct pair_out *restrict o, real *restrict c)
{
    int f = pairs_geom(b, q, t, &ts, &tr, g, o);
    switch (f & (PAIRS_LOOK_S | PAIRS_LOOK_R)) {
    case 0:
        pairs_gain(g, ts, tr, b->p[q], 0, 0, c);
        break;
    case PAIRS_LOOK_S:
        pairs_gain(g, ts, tr, b->p[q], 1, 0, c);
        break;
    case PAIRS_LOOK_R:
        pairs_gain(g, ts, tr, b->p[q], 0, 1, c);
        break;
    default:
        pairs_gain(g, ts, tr, b->p[q], 1, 1, c);
    }
    return f;
}

/* The fused pair loop of an emitter without GSO-arc avoidance: its contributions straight into
 * the tile's sums. */
EPFD_INLINE void pairs_sum(const struct block *b, size_t q, const struct lanes *t, struct table ts,
                           struct table tr, struct pair_geo *restrict g, real *restrict acc)
{
    real c[EPFD_TILE_MAX];
    pairs_tile(b, q, t, ts, tr, g, NULL, c);
    for (int i = 0; i < EPFD_TILE_MAX; i++)
        acc[i] += c[i];
}

/* The same for an emitter with GSO-arc avoidance: the contributions into o. Returns 1 when the
 * declination bound (epfd_points.zu, zd) leaves the GSO-arc test of some visible point open, 0
 * when it clears them all. */
EPFD_INLINE int pairs_open(const struct block *b, size_t q, const struct lanes *t, struct table ts,
                           struct table tr, struct pair_geo *restrict g,
                           struct pair_out *restrict o)
{
    return (pairs_tile(b, q, t, ts, tr, g, o, o->c) & PAIRS_OPEN) != 0;
}

/* The GSO-arc test of a tile's contributions (pairs_open left some open): those with |alpha|
 * surely >= alpha0 are added, those the table cannot decide go to und[] for the exact test.
 * Only tiles the declination bound cannot clear come here, so only they pay the gathers.
 * Returns 1 when some contribution is left undecided. */
EPFD_INLINE int pairs_alpha(const struct lanes *t, const float *node, const float *bound,
                            real alpha0, const struct pair_out *restrict o, real *restrict acc,
                            real *restrict und)
{
    int left = 0;
    for (int i = 0; i < EPFD_TILE_MAX; i++) {
        /* |alpha| from the point's table: stereographic coordinates of the local direction */
        ALPHA_BODY(o->nx[i], o->ny[i], o->nz[i], o->su[i], G_LANE, node, bound)
        real on = (real)(a - bd > alpha0), open = (real)(fabs(a - alpha0) <= bd);
        acc[i] += on * o->c[i];
        und[i] = open * o->c[i];
        left |= und[i] > 0.0f;
    }
    return left;
}

/* pairs_alpha for tile_sums_arc: the contributions left in o->c are those with |alpha| surely
 * >= alpha0 (the others 0), the undecided ones in und. The same values as pairs_alpha adds:
 * a contribution is either on or undecided, never both. */
EPFD_INLINE int pairs_alpha_row(const struct lanes *t, const float *node, const float *bound,
                                real alpha0, struct pair_out *restrict o, real *restrict und)
{
    int left = 0;
    for (int i = 0; i < EPFD_TILE_MAX; i++) {
        ALPHA_BODY(o->nx[i], o->ny[i], o->nz[i], o->su[i], G_LANE, node, bound)
        real on = (real)(a - bd > alpha0), open = (real)(fabs(a - alpha0) <= bd);
        und[i] = open * o->c[i];
        o->c[i] = on * o->c[i];
        left |= und[i] > 0.0f;
    }
    return left;
}

/* The first look at the GSO-arc test of a tile's contributions (pairs_open left some open):
 * each point's cell verdict for the emitter's alpha0 (code: its words in the plan's
 * alpha_code), from a table of 4 kB a latitude that stays in L1 where the tables' nodes and
 * bounds (130 kB) do not. A contribution its cell decides is kept (on) or cleared (off) as
 * pairs_alpha_row would; the others are left as they are. Returns 1 when some visible one is
 * left to pairs_alpha_row, which decides the same on the decided ones (on keeps, off is 0). */
EPFD_INLINE int pairs_alpha_code(const struct lanes *t, const uint32_t *code,
                                 struct pair_out *restrict o)
{
    int left = 0;
    for (int i = 0; i < EPFD_TILE_MAX; i++) {
        ALPHA_CELL(o->nx[i], o->ny[i], o->nz[i], o->su[i], G_LANE)
        (void)fx, (void)fy;
        int cell = iy * EPFD_ALPHA_CELLS + ix;
        uint32_t word = code[G_LANE(alpha) * EPFD_ALPHA_WORDS + (cell >> 4)];
        int v = (int)(word >> (2 * (cell & 15))) & 3;
        real c = o->c[i];
        o->c[i] = v == EPFD_CODE_MIXED ? c : (real)(v == EPFD_CODE_ON) * c;
        left |= (v == EPFD_CODE_MIXED) & (c > 0.0f);
    }
    return left;
}

/* All of a tile's contributions, no GSO-arc test needed. */
EPFD_INLINE void add_all(const struct pair_out *restrict o, real *restrict acc)
{
    for (int i = 0; i < EPFD_TILE_MAX; i++)
        acc[i] += o->c[i];
}

/* Pack the points of tile tl into t (see struct lanes). */
static void pack_tile(const struct epfd_points *pts, const struct epfd_tile *tl, struct lanes *t)
{
    const geom_t *g = GEOM(pts);
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < tl->n; i++) {
        size_t q = tl->first + i;
#define EPFD_PACK(name) t->name[i] = g->name[q];
        EPFD_LANE_FIELDS(EPFD_PACK)
        t->zu[i] = pts->zu[q], t->zd[i] = pts->zd[q];
        t->alpha[i] = pts->alpha[q];
    }
    t->cr = cos(tl->cap.radius_rad);
    t->sr = sin(tl->cap.radius_rad);
}

/* The GSO-arc decision of one contribution from the point's table (scalar form of the lookup
 * in pairs_alpha): 1 when |alpha| surely >= alpha0, -1 when the table cannot decide, else 0. */
static int alpha_decide(const struct epfd_points *pts, size_t q, const real nv[3], real vu_id,
                        const float *node, const float *bound, real alpha0)
{
    const geom_t *g = GEOM(pts);
    const int na = EPFD_ALPHA_CELLS - 1, up = EPFD_ALPHA_CELLS + 1;
    real le = nv[0] * g->ex[q] + nv[1] * g->ey[q] + nv[2] * g->ez[q];
    real ln = nv[0] * g->nx[q] + nv[1] * g->ny[q] + nv[2] * g->nz[q];
    real k = 1.0f / (1.0f + vu_id);
    real fx = (le * k + EPFD_ALPHA_EXTENT) * EPFD_ALPHA_SCALE;
    real fy = (ln * k + EPFD_ALPHA_EXTENT) * EPFD_ALPHA_SCALE;
    int ix = (int)fx, iy = (int)fy;
    ix = ix < 0 ? 0 : ix > na ? na : ix;
    iy = iy < 0 ? 0 : iy > na ? na : iy;
    fx -= (real)ix;
    fy -= (real)iy;
    int o = pts->alpha[q] * EPFD_ALPHA_NODES + iy * up + ix;
    real lo = node[o] + fx * (node[o + 1] - node[o]);
    real hi = node[o + up] + fx * (node[o + up + 1] - node[o + up]);
    real a = lo + fy * (hi - lo);
    real bd = bound[pts->alpha[q] * EPFD_ALPHA_BOUNDS + iy * EPFD_ALPHA_CELLS + ix];
    return a - bd > alpha0 ? 1 : fabs(a - alpha0) <= bd ? -1 : 0;
}

/* Linear gain from a 1-D table at the half chord h (|u - b| / 2 of unit vectors). */
static real gain_1d(const struct epfd_gain *t, real h)
{
    real f = h * (real)t->n;
    int i = (int)f;
    i = i < t->n - 1 ? i : t->n - 1;
    return TABLE(t)[2 * i] + (f - (real)i) * TABLE(t)[2 * i + 1];
}

/* Pairs whose satellite or earth-station pattern depends on the azimuth about its boresight:
 * the same geometry, gains from the catalogue's 2-D tables at the azimuth in each antenna's
 * frame (interf_beam_frame, interf_station_frame). Scalar: such runs are rare and the 2-D
 * lookups dominate. Contributions the GSO-arc table cannot decide go to und[] as above. */
static void pairs_2d(const struct pair_in *in, const struct epfd_emitter *em, const real f[3],
                     const struct epfd_gain *sg, const struct interf_epfd_plan *p, size_t off,
                     size_t n, real *restrict acc, real *restrict und)
{
    const geom_t *g = GEOM(&p->pts);
    const struct epfd_gain *es = &p->es_gain;
    const real b[3] = {in->bx, in->by, in->bz};
    /* y = b x f of the beam frame */
    const real fy[3] = {b[1] * f[2] - b[2] * f[1], b[2] * f[0] - b[0] * f[2],
                         b[0] * f[1] - b[1] * f[0]};
    for (size_t i = 0; i < n; i++) {
        size_t q = off + i;
        und[i] = 0.0f;
        real v[3] = {in->sx - g->gx[q], in->sy - g->gy[q], in->sz - g->gz[q]};
        real d2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
        real vu = v[0] * g->ux[q] + v[1] * g->uy[q] + v[2] * g->uz[q];
        if (!(vu > 0.0f) || vu * vu < in->s2 * d2)
            continue;
        real id = 1.0f / sqrt(d2), nv[3] = {v[0] * id, v[1] * id, v[2] * id};
        real a[3] = {nv[0] + b[0], nv[1] + b[1], nv[2] + b[2]};
        real e[3] = {nv[0] - g->px[q], nv[1] - g->py[q], nv[2] - g->pz[q]};
        real hs = 0.5f * sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        real hr = 0.5f * sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
        real gt, gr;
        if (sg->lut) { /* the direction from the satellite is -nv */
            real ax = -(nv[0] * f[0] + nv[1] * f[1] + nv[2] * f[2]);
            real ay = -(nv[0] * fy[0] + nv[1] * fy[1] + nv[2] * fy[2]);
            real az = atan2(ay, ax) / (real)INTERF_DEG - em->orient_deg;
            gt = interf_lut_gain2_lin(sg->lut, (float)hs, (float)az);
        } else {
            gt = gain_1d(sg, hs);
        }
        if (es->lut) {
            real ax = nv[0] * g->hx[q] + nv[1] * g->hy[q] + nv[2] * g->hz[q];
            real ay = nv[0] * g->wx[q] + nv[1] * g->wy[q] + nv[2] * g->wz[q];
            gr = interf_lut_gain2_lin(es->lut, (float)hr, (float)(atan2(ay, ax) / INTERF_DEG));
        } else {
            gr = gain_1d(es, hr);
        }
        real pfd = in->p * gt * gr * (id * id);
        int on = em->alpha0_rad > 0 ? alpha_decide(&p->pts, q, nv, vu * id, p->alpha_node,
                                                   p->alpha_bound, em->alpha0_rad)
                                    : 1;
        if (on > 0)
            acc[i] += pfd;
        else if (on < 0)
            und[i] = pfd;
    }
}

static void block_free(struct block *b)
{
#define EPFD_FREE_STATE(name) free(b->name);
    EPFD_STATE_REAL(EPFD_FREE_STATE)
    void *f[] = {b->off, b->code, b->fx, b->fy, b->fz, b->ux, b->uy, b->uz, b->lam,
                 b->clam, b->slam, b->live};
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        free(f[k]);
}

static int block_alloc(struct block *b, size_t n)
{
    real **f[] = {&b->fx, &b->fy, &b->fz};
    double **d[] = {&b->ux, &b->uy, &b->uz, &b->lam, &b->clam, &b->slam};
    int ok = (b->live = malloc(n * sizeof *b->live)) != NULL;
#define EPFD_ALLOC_STATE(name) ok &= (b->name = malloc(n * sizeof(real))) != NULL;
    EPFD_STATE_REAL(EPFD_ALLOC_STATE)
    ok &= (b->off = malloc(n * sizeof(int))) != NULL;
    ok &= (b->code = malloc(n * sizeof(int))) != NULL;
    for (size_t k = 0; k < 3; k++)
        ok &= (*f[k] = malloc(n * sizeof(real))) != NULL;
    for (size_t k = 0; k < 6; k++)
        ok &= (*d[k] = malloc(n * sizeof(double))) != NULL;
    return ok;
}

/* The state of slot q for the pair loops of the tiles. */
EPFD_INLINE struct pair_in pair_at(const struct block *b, size_t q)
{
    return (struct pair_in){b->sx[q], b->sy[q], b->sz[q], b->bx[q], b->by[q],
                            b->bz[q], b->p[q], b->s2[q]};
}

static void cands_free(struct cands *c)
{
    void *f[] = {c->em, c->ux, c->uy, c->uz, c->lam, c->clam, c->slam, c->pass};
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        free(f[k]);
}

static int cands_alloc(struct cands *c, size_t n)
{
    double **d[] = {&c->ux, &c->uy, &c->uz, &c->lam, &c->clam, &c->slam};
    int ok = (c->em = malloc(n * sizeof *c->em)) != NULL;
    ok &= (c->pass = malloc(n * sizeof *c->pass)) != NULL;
    for (size_t k = 0; k < 6; k++)
        ok &= (*d[k] = malloc(n * sizeof(double))) != NULL;
    return ok;
}

/* The satellite gain tables one after the other for few_sums (*own: a copy to free), with
 * their look-ups' scale and last cell in ts, or NULL when a pattern needs a 2-D table or an
 * emitter is a pfd mask; one table is used in place. */
static const real *gain_cat(const struct interf_epfd_plan *p, int *stride, real **own,
                           struct table *ts)
{
    *own = NULL;
    *stride = 0;
    if (p->es_gain.lut || p->n_sat_gain == 0)
        return NULL;
    for (size_t j = 0; j < p->n_em; j++)
        if (p->em[j].mask)
            return NULL;
    for (size_t g = 0; g < p->n_sat_gain; g++)
        if (p->sat_gain[g].lut || p->sat_gain[g].n != p->sat_gain[0].n)
            return NULL;
    /* the flat end and run that every table has: the latest start of the ends, the runs'
     * overlap (its first cell is in every run) */
    *ts = table_of(&p->sat_gain[0]);
    int run_end = ts->run0 + (int)ts->run_n, flat_end = 1;
    for (size_t g = 0; g < p->n_sat_gain; g++) {
        const struct epfd_gain *t = &p->sat_gain[g];
        ts->last = t->flat > ts->last ? t->flat : ts->last;
        ts->run0 = t->run0 > ts->run0 ? t->run0 : ts->run0;
        run_end = t->run0 + t->run_n < run_end ? t->run0 + t->run_n : run_end;
        flat_end &= t->flat_end;
    }
    ts->run_n = run_end > ts->run0 ? (unsigned)(run_end - ts->run0) : 0;
    *ts = table_flat(*ts, flat_end);
    *stride = 2 * (p->sat_gain[0].n + 1);
    if (p->n_sat_gain == 1)
        return TABLE(&p->sat_gain[0]);
    if ((double)*stride * (double)p->n_sat_gain > 2147483647.0 ||
        !(*own = malloc(p->n_sat_gain * (size_t)*stride * sizeof(real))))
        return NULL;
    for (size_t g = 0; g < p->n_sat_gain; g++)
        memcpy(*own + g * (size_t)*stride, TABLE(&p->sat_gain[g]), (size_t)*stride * sizeof(real));
    return *own;
}

/* The emitters' constants (struct em_const) for tables of stride entries; NULL when out of
 * memory. */
static struct em_const *em_consts(const struct interf_epfd_plan *p, int stride)
{
    struct em_const *ec = malloc((p->n_em ? p->n_em : 1) * sizeof *ec);
    for (size_t j = 0; ec && j < p->n_em; j++) {
        const struct epfd_emitter *em = &p->em[j];
        /* a minimum elevation at or below the horizon: s2 = 0, vu^2 >= 0 always holds */
        real s2 = em->min_el_rad > 0 ? (real)(em->sin_min_el * em->sin_min_el) : 0.0f;
        ec[j] = (struct em_const){(real)em->p, s2, em->alpha0_rad, em->gain * stride, em->code,
                                  em->beam && em->beam->pointing == INTERF_POINT_NADIR,
                                  em->beam && p->sat_gain[em->gain].lut};
    }
    return ec;
}

/* The visibility cap of an emitter for the radius it had last. */
struct cap_cache {
    double rn, lam, clam, slam;
};

/* The windows (epfd_windows) that meet the current block of steps, by satellite. */
struct sched {
    size_t next;                    /* the first window not taken yet */
    long s0;                        /* the block they were taken for */
    size_t n;
    const struct epfd_window **act; /* at most one per satellite (windows of one satellite are
                                       more than a block apart) */
    size_t *sats;                   /* the satellites live at one step, in order */
};

/* What one thread needs to propagate a block of steps. */
struct worker {
    struct block b;
    double *pos;                    /* positions at the steps of a block: at step k, x of every
                                       satellite, then y, then z (km) */
    struct cap_cache *cache;        /* by emitter */
    struct sched sched;
};

static void worker_free(struct worker *wk)
{
    block_free(&wk->b);
    free(wk->pos);
    free(wk->cache);
    free(wk->sched.act);
    free(wk->sched.sats);
}

static int worker_alloc(struct worker *wk, size_t n_em, size_t nsat)
{
    n_em = n_em ? n_em : 1, nsat = nsat ? nsat : 1;
    wk->pos = malloc(EPFD_BLOCK * 3 * nsat * sizeof *wk->pos);
    wk->cache = calloc(n_em, sizeof *wk->cache);
    wk->sched.act = malloc(nsat * sizeof *wk->sched.act);
    wk->sched.sats = malloc(nsat * sizeof *wk->sched.sats);
    return block_alloc(&wk->b, EPFD_BLOCK * n_em) && wk->pos && wk->cache && wk->sched.act &&
           wk->sched.sats;
}

/* Take the windows that meet the steps [s0, s0 + ns) into sc. Blocks normally come in order;
 * one before the last starts the list again. */
static void sched_block(const struct epfd_windows *wn, struct sched *sc, long s0, int ns)
{
    if (s0 < sc->s0)
        sc->next = 0, sc->n = 0;
    sc->s0 = s0;
    size_t m = 0;
    for (size_t i = 0; i < sc->n; i++)
        if (sc->act[i]->k1 > s0)
            sc->act[m++] = sc->act[i];
    sc->n = m;
    for (; sc->next < wn->n && wn->w[sc->next].k0 < s0 + ns; sc->next++) {
        const struct epfd_window *w = &wn->w[sc->next];
        if (w->k1 <= s0)
            continue;
        size_t i = sc->n++;
        for (; i > 0 && sc->act[i - 1]->sat > w->sat; i--)
            sc->act[i] = sc->act[i - 1];
        sc->act[i] = w;
    }
}

/* Satellite sat at the steps [a, b) of the block that starts at s0, into pos. */
static void propagate_sat(const struct interf_epfd_plan *p, size_t sat, long s0, long a, long b,
                          double *pos)
{
    const struct interf_constellation *c = interf_system_constellation(p->spec.sys);
    size_t nsat = interf_constellation_count(c);
    double x[3][EPFD_BLOCK];
    interf_constellation_propagate_steps(c, sat, &p->run, p->run.t0_s, p->spec.window.step_s, a,
                                         (size_t)(b - a), x[0], x[1], x[2]);
    for (long k = a; k < b; k++)
        for (int i = 0; i < 3; i++)
            pos[((size_t)(k - s0) * 3 + (size_t)i) * nsat + sat] = x[i][k - a];
}

/* Propagate the satellites to evaluate at the steps [s0, s0 + ns) into pos: every one, or
 * those whose window meets the block (taken into sc), at the steps of their window. The
 * positions of a step depend on the step alone (interf_constellation_propagate_steps), so the
 * windowed run and the full one, and any slices, see the same bits. */
static void propagate_block(const struct interf_epfd_plan *p, const struct epfd_windows *wn,
                            const struct sched *sc, long s0, int ns, double *pos)
{
    size_t nsat = interf_system_info(p->spec.sys)->n_sats;
    if (wn->every) {
        for (size_t s = 0; s < nsat; s++)
            propagate_sat(p, s, s0, s0, s0 + ns, pos);
        return;
    }
    for (size_t i = 0; i < sc->n; i++) {
        const struct epfd_window *w = sc->act[i];
        long a = w->k0 > s0 ? w->k0 : s0, b = w->k1 < s0 + ns ? w->k1 : s0 + ns;
        if (a < b)
            propagate_sat(p, w->sat, s0, a, b, pos);
    }
}

/* The satellites live at step k (into sc->sats, in order): every one, or those whose window
 * holds the step. Returns their number. */
static size_t live_sats(const struct epfd_windows *wn, struct sched *sc, size_t nsat, long k)
{
    size_t n = 0;
    if (wn->every)
        return nsat;
    for (size_t i = 0; i < sc->n; i++)
        if (sc->act[i]->k0 <= k && k < sc->act[i]->k1)
            sc->sats[n++] = sc->act[i]->sat;
    return n;
}

/* The state of emitter j at step k of the block in slot m, its satellite at r, at distance rn
 * from the centre in direction u = r / rn (as interf_beam_boresight forms them). */
static void fill_emitter(const struct interf_epfd_plan *p, size_t j, int k, size_t m,
                         const double r[3], double rn, const double u[3],
                         struct cap_cache *cache, struct block *b)
{
    const struct em_const *e = &b->ec[j];
    size_t q = b->row[k] + m;
    double bs[3] = {0, 0, 0};
    b->live[q] = j;
    if (e->nadir)
        bs[0] = -u[0], bs[1] = -u[1], bs[2] = -u[2];
    else if (p->em[j].beam)
        interf_beam_boresight(p->em[j].beam, r, p->em[j].aim_km, bs);
    b->sx[q] = (real)r[0], b->sy[q] = (real)r[1], b->sz[q] = (real)r[2];
    b->bx[q] = (real)bs[0], b->by[q] = (real)bs[1], b->bz[q] = (real)bs[2];
    b->p[q] = e->p, b->s2[q] = e->s2, b->a0[q] = e->a0;
    b->off[q] = e->off;
    b->code[q] = e->code;
    if (e->lut) {
        double fx[3], fy[3];
        interf_beam_frame(bs, fx, fy);
        b->fx[q] = (real)fx[0], b->fy[q] = (real)fx[1], b->fz[q] = (real)fx[2];
    }
    if (!b->cull)
        return;
    b->ux[q] = u[0], b->uy[q] = u[1], b->uz[q] = u[2];
    /* the cap seen at or above the minimum elevation: acos(Re cos e / r) - e; a circular orbit
     * keeps its radius (to rounding), so the last values usually serve */
    struct cap_cache *cc = &cache[j];
    if (fabs(rn - cc->rn) > 1e-6) {
        const struct epfd_emitter *em = &p->em[j];
        double ce = INTERF_RE_KM * cos(em->min_el_rad) / rn;
        double lam = (ce < 1 ? acos(ce) : 0) - em->min_el_rad;
        cc->rn = rn;
        cc->lam = lam > 0 ? lam + EPFD_CULL_MARGIN_RAD : 0;
        cc->clam = cos(cc->lam);
        cc->slam = sin(cc->lam);
    }
    b->lam[q] = cc->lam, b->clam[q] = cc->clam, b->slam[q] = cc->slam;
}

/* Propagate the satellites for the steps [s0, s0 + ns) and fill the states of the emitters to
 * evaluate (every one, or those of the satellites whose window holds the step). An emitter
 * left out cannot reach any point (epfd_windows): its pairs would all add zero. */
static void fill_block(const struct interf_epfd_plan *p, const struct epfd_windows *wn, long s0,
                       int ns, struct worker *wk)
{
    size_t nsat = interf_system_info(p->spec.sys)->n_sats;
    struct block *b = &wk->b;
    if (!wn->every)
        sched_block(wn, &wk->sched, s0, ns);
    propagate_block(p, wn, &wk->sched, s0, ns, wk->pos);
    for (int k = 0; k < ns; k++) {
        size_t n = live_sats(wn, &wk->sched, nsat, s0 + k), m = 0;
        const double *pos = wk->pos + (size_t)k * 3 * nsat;
        b->row[k] = k > 0 ? b->row[k - 1] + b->n_live[k - 1] : 0;
        for (size_t i = 0; i < n; i++) {
            size_t s = wn->every ? i : wk->sched.sats[i];
            const double r[3] = {pos[s], pos[nsat + s], pos[2 * nsat + s]};
            /* a satellite that dropped out (its propagation failed: NaN) is left out */
            if (!isfinite(r[0]))
                continue;
            double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
            const double u[3] = {r[0] / rn, r[1] / rn, r[2] / rn};
            for (size_t j = wn->em_first[s]; j < wn->em_first[s] + wn->em_count[s]; j++)
                fill_emitter(p, j, k, m++, r, rn, u, wk->cache, b);
        }
        b->n_live[k] = m;
    }
}

/* The emitters whose visibility cap can reach the cap c (cosine and sine of its radius: cr, sr)
 * at step k of the block, in emitter order, into cd with their cull data. */
EPFD_CLONES
static void cull_super(const struct block *b, int k, const struct epfd_cap *c, double cr,
                       double sr, struct cands *cd)
{
    const size_t base = b->row[k], n = b->n_live[k];
    const double *restrict ux = b->ux + base, *restrict uy = b->uy + base;
    const double *restrict uz = b->uz + base, *restrict lam = b->lam + base;
    const double *restrict cl = b->clam + base, *restrict sl = b->slam + base;
    int64_t *restrict pass = cd->pass;
    /* within lam + r of the centre: cos(angle) >= cos(lam + r) = cl cr - sl sr, valid while
     * lam + r < pi (beyond, every direction is within reach); lam = 0: never visible. One
     * vector loop, then the list, then the survivors' data (about a third pass). */
    for (size_t i = 0; i < n; i++) {
        double dot = ux[i] * c->cx + uy[i] * c->cy + uz[i] * c->cz;
        int far = lam[i] + c->radius_rad >= INTERF_PI;
        pass[i] = (int64_t)((lam[i] > 0) & (far | (dot >= cl[i] * cr - sl[i] * sr)));
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        cd->em[m] = i;
        m += (size_t)pass[i];
    }
    for (size_t a = 0; a < m; a++) {
        size_t i = cd->em[a];
        cd->ux[a] = ux[i], cd->uy[a] = uy[i], cd->uz[a] = uz[i];
        cd->lam[a] = lam[i], cd->clam[a] = cl[i], cd->slam[a] = sl[i];
    }
    cd->n = m;
}

/* The candidates of cd whose cap can reach tile tl (packed in t), in emitter order, into list;
 * returns their number. The same test as cull_super, as one vector loop, then the list. */
EPFD_CLONES
static size_t cull_tile(const struct cands *cd, const struct epfd_tile *tl, const struct lanes *t,
                        size_t *list)
{
    const double cx = tl->cap.cx, cy = tl->cap.cy, cz = tl->cap.cz, r = tl->cap.radius_rad;
    const double cr = t->cr, sr = t->sr;
    const double *restrict ux = cd->ux, *restrict uy = cd->uy, *restrict uz = cd->uz;
    const double *restrict lam = cd->lam, *restrict cl = cd->clam, *restrict sl = cd->slam;
    int64_t *restrict pass = cd->pass;
    const size_t n = cd->n;
    for (size_t a = 0; a < n; a++) {
        double dot = ux[a] * cx + uy[a] * cy + uz[a] * cz;
        pass[a] = (int64_t)((lam[a] + r >= INTERF_PI) | (dot >= cl[a] * cr - sl[a] * sr));
    }
    size_t m = 0;
    for (size_t a = 0; a < n; a++) {
        list[m] = cd->em[a];
        m += (size_t)pass[a];
    }
    return m;
}

/* The exact GSO-arc test of emitter in at point q: 1 when |alpha| >= alpha0. Never inlined, so
 * that every caller gets the same bits whatever instruction set it was compiled for. */
__attribute__((noinline)) static int alpha_exact(const struct interf_epfd_plan *p, size_t q,
                                                 const struct pair_in *in, real alpha0)
{
    const geom_t *g = GEOM(&p->pts);
    double v[3] = {in->sx - g->gx[q], in->sy - g->gy[q], in->sz - g->gz[q]};
    double e = v[0] * g->ex[q] + v[1] * g->ey[q] + v[2] * g->ez[q];
    double n = v[0] * g->nx[q] + v[1] * g->ny[q] + v[2] * g->nz[q];
    double u = v[0] * g->ux[q] + v[1] * g->uy[q] + v[2] * g->uz[q];
    double d = sqrt(e * e + n * n + u * u);
    return interf_alpha_table_exact(p->alpha_tab[p->pts.alpha[q]], e / d, n / d, u / d) >=
           alpha0;
}

/* The exact GSO-arc test for the contributions und the table left open (rare: < 0.1 % of
 * pairs): those that pass are added to acc. */
static void settle_open(const struct interf_epfd_plan *p, const struct epfd_tile *tl,
                        const struct pair_in *in, real alpha0, const real *und, real *acc)
{
    for (size_t i = 0; i < tl->n; i++)
        if (und[i] > 0 && alpha_exact(p, tl->first + i, in, alpha0))
            acc[i] += und[i];
}

#include "kernel_few.h"

/* A pfd-mask emitter's contributions to a tile (mask_emitter.c), straight into the sums or
 * through the exact GSO-arc test. */
static void mask_sums(const struct interf_epfd_plan *p, const struct pair_in *in,
                      const struct epfd_emitter *em, const struct epfd_tile *tl,
                      struct scratch *w)
{
    double s[3] = {in->sx, in->sy, in->sz}, c[EPFD_TILE_MAX];
    epfd_mask_pairs(p, em, s, tl->first, tl->n, c);
    for (size_t i = 0; i < tl->n; i++) {
        if (em->alpha0_rad > 0)
            w->und[i] = (real)c[i];
        else
            w->acc[i] += (real)c[i];
    }
    if (em->alpha0_rad > 0)
        settle_open(p, tl, in, em->alpha0_rad, w->und, w->acc);
}

/* tile_sums_body for a tile whose emitters all have 1-D tables when some avoid the GSO arc: each
 * emitter's contributions into its row, then the GSO-arc tests of the rows the declination
 * bound left open, one after the other, then the rows summed in emitter order (the same sums
 * as the emitter-by-emitter loop: its bits). Taking the test right after each emitter's pairs
 * would branch on whether it is open, which no predictor guesses (about 40 % are), and a miss
 * throws away the gathers in flight: 6.6 instead of 5.7 ns a visible pair (bench_epfd, alpha0). */
EPFD_INLINE void tile_sums_arc(const struct interf_epfd_plan *p, const struct block *b, int k,
                               const struct epfd_tile *tl, const struct lanes *t, size_t nl,
                               struct scratch *w)
{
    const struct table tr = w->few.tr;
    struct table ts = w->few.ts;
    size_t n_open = 0;
    for (size_t m = 0; m < nl; m++) {
        size_t q = b->row[k] + w->list[m];
        ts.vs = w->few.cat + b->off[q];
        int open = pairs_open(b, q, t, ts, tr, &w->geo, &w->rows[m]);
        w->open[n_open] = m;
        n_open += (size_t)(open & (b->a0[q] > 0));
    }
    size_t n_left = 0; /* the rows the cells' verdicts leave open, in w->open again */
    for (size_t j = 0; j < n_open; j++) {
        size_t m = w->open[j], q = b->row[k] + w->list[m];
        int left = pairs_alpha_code(t, p->alpha_code + b->code[q], &w->rows[m]);
        w->open[n_left] = m;
        n_left += (size_t)left;
    }
    for (size_t j = 0; j < n_left; j++) {
        size_t m = w->open[j], q = b->row[k] + w->list[m];
        real a0 = b->a0[q];
        if (pairs_alpha_row(t, p->alpha_node, p->alpha_bound, a0, &w->rows[m], w->und)) {
            const struct pair_in in = pair_at(b, q);
            settle_open(p, tl, &in, a0, w->und, w->rows[m].c);
        }
    }
    memset(w->acc, 0, sizeof w->acc);
    for (size_t m = 0; m < nl; m++)
        add_all(&w->rows[m], w->acc);
}

/* tile_sums_body for a tile whose emitters all have 1-D tables, none with GSO-arc avoidance:
 * each emitter's table from its state (w->few.cat: the same values, of the same size), not from
 * the emitter itself (a chain of dependent loads per emitter). */
EPFD_INLINE void tile_sums_cat(const struct block *b, int k, const struct lanes *t, size_t nl,
                               struct table ts, struct table tr, struct scratch *w)
{
    memset(w->acc, 0, sizeof w->acc);
    for (size_t m = 0; m < nl; m++) {
        size_t q = b->row[k] + w->list[m];
        ts.vs = w->few.cat + b->off[q];
        pairs_sum(b, q, t, ts, tr, &w->geo, w->acc);
    }
}

/* The linear sums of a tile (packed in t) at step k of the block over the nl emitters of
 * w->list. */
EPFD_INLINE void tile_sums_body(const struct interf_epfd_plan *p, const struct block *b, int k,
                                const struct epfd_tile *tl, const struct lanes *t, size_t nl,
                                struct scratch *w)
{
    if (tl->n <= EPFD_FEW_POINTS && w->few.cat) {
        few_sums(p, b, k, tl, t, nl, w);
        return;
    }
    if (w->rows) {
        tile_sums_arc(p, b, k, tl, t, nl, w);
        return;
    }
    if (w->few.cat) {
        tile_sums_cat(b, k, t, nl, w->few.ts, w->few.tr, w);
        return;
    }
    const struct table tr = w->few.tr;
    memset(w->acc, 0, sizeof w->acc);
    for (size_t m = 0; m < nl; m++) {
        size_t q = b->row[k] + w->list[m];
        const struct epfd_emitter *em = &p->em[b->live[q]];
        const struct epfd_gain *gt = &p->sat_gain[em->gain];
        if (em->mask) {
            const struct pair_in in = pair_at(b, q);
            mask_sums(p, &in, em, tl, w);
        } else if (gt->lut || p->es_gain.lut) {
            const real f[3] = {b->fx[q], b->fy[q], b->fz[q]};
            const struct pair_in in = pair_at(b, q);
            pairs_2d(&in, em, f, gt, p, tl->first, tl->n, w->acc, w->und);
            if (em->alpha0_rad > 0)
                settle_open(p, tl, &in, em->alpha0_rad, w->und, w->acc);
        } else if (!(em->alpha0_rad > 0)) {
            pairs_sum(b, q, t, table_of(gt), tr, &w->geo, w->acc);
        } else if (pairs_open(b, q, t, table_of(gt), tr, &w->geo, &w->pair)) {
            if (pairs_alpha(t, p->alpha_node, p->alpha_bound, em->alpha0_rad, &w->pair, w->acc,
                            w->und)) {
                const struct pair_in in = pair_at(b, q);
                settle_open(p, tl, &in, em->alpha0_rad, w->und, w->acc);
            }
        } else {
            add_all(&w->pair, w->acc);
        }
    }
}

#define TILE_SUMS_ARGS                                                                             \
    const struct interf_epfd_plan *p, const struct block *b, int k, const struct epfd_tile *tl,    \
        const struct lanes *t, size_t nl, struct scratch *w
#ifdef EPFD_TARGET_512
EPFD_TARGET_512 static void tile_sums_512(TILE_SUMS_ARGS)
{
    tile_sums_body(p, b, k, tl, t, nl, w);
}

EPFD_TARGET_256 static void tile_sums_256(TILE_SUMS_ARGS)
{
    tile_sums_body(p, b, k, tl, t, nl, w);
}
#endif

/* tile_sums_body in the widest variant the CPU runs (as target_clones would pick it). */
static void tile_sums(TILE_SUMS_ARGS)
{
#ifdef EPFD_TARGET_512
    if (__builtin_cpu_supports("avx512f"))
        tile_sums_512(p, b, k, tl, t, nl, w);
    else if (__builtin_cpu_supports("avx2"))
        tile_sums_256(p, b, k, tl, t, nl, w);
    else
#endif
        tile_sums_body(p, b, k, tl, t, nl, w);
}

/* One tile at step k of the block: sums, then histogram bins and series. */
static uint64_t run_tile(const struct interf_epfd_plan *p, const struct block *b, int k, long step,
                         const struct epfd_tile *tl, const struct lanes *t,
                         const struct interf_epfd_bins *bins, struct scratch *w,
                         int16_t *tbin, struct interf_epfd_out *out)
{
    size_t nl = b->cull ? cull_tile(&w->cands, tl, t, w->list) : b->n_live[k];
    for (size_t m = 0; !b->cull && m < nl; m++)
        w->list[m] = m;
    tile_sums(p, b, k, tl, t, nl, w);
    uint64_t clamped = 0;
    for (size_t i = 0; i < tl->n; i++) {
        size_t orig = p->pts.index[tl->first + i];
        int c;
        tbin[k * EPFD_TILE_MAX + (int)i] = (int16_t)interf_epfd_bin(bins, w->acc[i], &c);
        clamped += (uint64_t)c;
        if (out->series)
            out->series[orig * (size_t)p->spec.window.n_steps + (size_t)step] =
                w->acc[i] > 0 ? (float)(10.0 * log10(w->acc[i])) : -300.0f;
    }
    return clamped;
}

/* Count a tile's bins of the block point by point: the steps of one point mostly fall in a few
 * cache lines of its histogram row, where counting step by step would miss the cache at nearly
 * every update (a row is 8.8 kB, a grid has tens of thousands). */
static void count_bins(const struct interf_epfd_plan *p, const struct epfd_tile *tl, int ns,
                       const int16_t *tbin, struct interf_epfd_out *out)
{
    if (!out->hist.count)
        return;
    for (size_t i = 0; i < tl->n; i++) {
        uint32_t *row = out->hist.count + p->pts.index[tl->first + i] * INTERF_EPFD_NBINS;
        for (int k = 0; k < ns; k++)
            row[tbin[k * EPFD_TILE_MAX + (int)i]]++;
    }
}

#ifndef EPFD_FP64
#include "kernel_chan.h"
#endif

/* Super tile sp over the steps [s0, s0 + ns) of the block b: every tile's sums at each step
 * (steps outside, tiles inside: one step's emitter states stay in L2 while every tile of the
 * super tile uses them), the tiles' bins kept in scratch until the block is done, then
 * counted; under a lock when other threads count blocks of the same points (shared).
 * Returns the samples clamped. */
static uint64_t run_super(const struct interf_epfd_plan *p, const struct block *b, long s0,
                          int ns, const struct epfd_super *sp,
                          const struct interf_epfd_bins *bins, struct scratch *sw, int shared,
                          struct interf_epfd_out *out)
{
    uint64_t clamped = 0;
#ifndef EPFD_FP64
    if (sw->ch) {
        chan_super(p, b, s0, ns, sp, sw);
        return 0;
    }
#endif
    for (size_t t = sp->first; t < sp->first + sp->n; t++)
        pack_tile(&p->pts, &p->tiles[t], &sw->lanes[t - sp->first]);
    const double cr = cos(sp->cap.radius_rad), sr = sin(sp->cap.radius_rad);
    for (int k = 0; k < ns; k++) {
        if (b->cull)
            cull_super(b, k, &sp->cap, cr, sr, &sw->cands);
        for (size_t t = sp->first; t < sp->first + sp->n; t++)
            clamped += run_tile(p, b, k, s0 + k, &p->tiles[t], &sw->lanes[t - sp->first], bins,
                                sw, sw->bin + (t - sp->first) * EPFD_BIN_ROWS, out);
    }
    if (shared) {
        #pragma omp critical(epfd_hist)
        for (size_t t = sp->first; t < sp->first + sp->n; t++)
            count_bins(p, &p->tiles[t], ns, sw->bin + (t - sp->first) * EPFD_BIN_ROWS, out);
    } else {
        for (size_t t = sp->first; t < sp->first + sp->n; t++)
            count_bins(p, &p->tiles[t], ns, sw->bin + (t - sp->first) * EPFD_BIN_ROWS, out);
    }
    return clamped;
}

/* What a run shares between its threads. */
struct run {
    const struct interf_epfd_plan *p;
    struct interf_epfd_out *out;
    const struct interf_epfd_bins *bins;
    const struct epfd_windows *wn;
    const struct interf_epfd_slice *sl;
    size_t n_own;              /* the slice's super tiles: sl->part + j sl->n_parts, j < n_own */
    struct worker *wk;         /* one (blocks by super tiles) or one per thread (by blocks) */
    struct scratch *w;         /* one per thread */
    interf_progress_fn progress;
    void *user;
};

/* Many points: one block after the other, propagated once, its super tiles shared among the
 * threads. A point's sum never depends on how they are shared. Returns 0 when canceled. */
static int run_by_supers(struct run *r)
{
    const struct interf_epfd_plan *p = r->p;
    const long k0 = r->sl->step_begin, k1 = r->sl->step_end;
    for (long s0 = k0; s0 < k1 && r->n_own > 0; s0 += EPFD_BLOCK) {
        int ns = k1 - s0 < EPFD_BLOCK ? (int)(k1 - s0) : EPFD_BLOCK;
        fill_block(p, r->wn, s0, ns, &r->wk[0]);
        uint64_t clamped = 0;
        int used = 1;
        int nt = (size_t)p->threads < r->n_own ? p->threads : (int)r->n_own;
        #pragma omp parallel num_threads(nt > 0 ? nt : 1) reduction(+ : clamped)
        {
            #pragma omp single
            used = omp_get_num_threads();
            #pragma omp for schedule(dynamic, 1)
            for (size_t j = 0; j < r->n_own; j++)
                clamped += run_super(p, &r->wk[0].b, s0, ns,
                                     &p->supers[r->sl->part + j * r->sl->n_parts], r->bins,
                                     &r->w[omp_get_thread_num()], 0, r->out);
        }
        r->out->clamped += clamped;
        r->out->threads_used = used > r->out->threads_used ? used : r->out->threads_used;
        if (r->progress &&
            r->progress((double)(s0 + ns - k0) / (double)(k1 - k0), "running", r->user))
            return 0;
    }
    return 1;
}

/* Fewer super tiles than threads (a few earth stations): the threads take whole blocks of
 * steps instead, each propagating its own, and count their bins under a lock (integer counts:
 * the same whatever the order). Progress is reported by thread 0. Returns 0 when canceled. */
static int run_by_blocks(struct run *r)
{
    const struct interf_epfd_plan *p = r->p;
    const long k0 = r->sl->step_begin, k1 = r->sl->step_end;
    const long n_blocks = k1 > k0 ? (k1 - k0 - 1) / EPFD_BLOCK + 1 : 0;
    long done = 0;
    int stop = 0, used = 1;
    uint64_t clamped = 0;
    #pragma omp parallel num_threads(p->threads) reduction(+ : clamped)
    {
        const int me = omp_get_thread_num();
        #pragma omp single
        used = omp_get_num_threads();
        #pragma omp for schedule(dynamic, 1)
        for (long blk = 0; blk < n_blocks; blk++) {
            int halt;
            #pragma omp atomic read
            halt = stop;
            if (halt)
                continue;
            long s0 = k0 + blk * EPFD_BLOCK, d;
            int ns = k1 - s0 < EPFD_BLOCK ? (int)(k1 - s0) : EPFD_BLOCK;
            fill_block(p, r->wn, s0, ns, &r->wk[me]);
            for (size_t j = 0; j < r->n_own; j++)
                clamped += run_super(p, &r->wk[me].b, s0, ns,
                                     &p->supers[r->sl->part + j * r->sl->n_parts], r->bins,
                                     &r->w[me], 1, r->out);
            #pragma omp atomic capture
            d = ++done;
            if (me == 0 && r->progress &&
                r->progress((double)d / (double)n_blocks, "running", r->user)) {
                #pragma omp atomic write
                stop = 1;
            }
        }
    }
    r->out->clamped += clamped;
    r->out->threads_used = used > r->out->threads_used ? used : r->out->threads_used;
    return !stop;
}

/* A slice of the run into out, or, with chan (single precision only), its frequency-resolved
 * EPFD into chan->lin (out then only collects clamped and threads_used); chs receives the
 * threads' coupling-matrix counts (may be NULL). */
static enum interf_status run_slice(const struct interf_epfd_plan *p,
                                    const struct interf_epfd_slice *sl,
                                    struct interf_epfd_out *out, const struct chan_run *chan,
                                    struct chan_scratch *chs, interf_progress_fn progress,
                                    void *user, struct interf_error *err)
{
    const struct interf_epfd_spec *s = &p->spec;
    if (sl->n_parts < 1 || sl->part >= sl->n_parts || sl->step_begin < 0 ||
        sl->step_begin > sl->step_end || sl->step_end > s->window.n_steps)
        return interf_error_set(err, INTERF_EINVAL, "EPFD slice: part %zu of %zu, steps %ld to "
                                "%ld of %ld", sl->part, sl->n_parts, sl->step_begin,
                                sl->step_end, s->window.n_steps);
#ifndef EPFD_FP64
    if (s->fp64)
        return epfd_run_slice_fp64(p, sl, out, progress, user, err);
#endif
    size_t nsat = interf_system_info(s->sys)->n_sats, n_em = p->n_em ? p->n_em : 1;
    /* the slice's super tiles: u = part + j n_parts */
    const size_t n_own =
        p->n_supers > sl->part ? (p->n_supers - sl->part + sl->n_parts - 1) / sl->n_parts : 0;
    const int by_blocks =
        n_own < (size_t)p->threads && sl->step_end - sl->step_begin > EPFD_BLOCK;
    const int n_wk = by_blocks ? p->threads : 1;
    struct epfd_windows wn = {0};
    struct run r = {p, out, NULL, &wn, sl, n_own, NULL, NULL, progress, user};
    real *cat_own;
    int stride;
    struct table cat_ts = {0};
    const real *cat = gain_cat(p, &stride, &cat_own, &cat_ts);
    struct em_const *ec = em_consts(p, stride);
    struct interf_epfd_bins *bins = malloc(sizeof *bins);
    r.bins = bins;
    r.w = aligned_alloc(64, (size_t)p->threads * sizeof *r.w);
    if (r.w)
        memset(r.w, 0, (size_t)p->threads * sizeof *r.w);
    r.wk = calloc((size_t)n_wk, sizeof *r.wk);
    const long span[2] = {sl->step_begin, sl->step_end};
    enum interf_status st = epfd_windows_build(p, span, &wn, err);
    if (st != INTERF_OK)
        goto done;
    int ok = bins && r.w && r.wk && ec;
    for (int t = 0; ok && t < n_wk; t++) {
        ok = worker_alloc(&r.wk[t], p->n_em, nsat);
        /* the channel path takes each emitter alone from the cull's list */
        r.wk[t].b.cull =
            chan || wn.every || p->n_tiles != 1 || p->tiles[0].n > EPFD_FEW_POINTS;
        r.wk[t].b.ec = ec;
    }
    for (int t = 0; ok && t < p->threads; t++) {
        struct scratch *w = &r.w[t];
        w->list = malloc(n_em * sizeof(size_t));
        ok = cands_alloc(&w->cands, n_em);
        w->bin = malloc(EPFD_SUPER_SIDE * EPFD_SUPER_SIDE * EPFD_BIN_ROWS * sizeof(int16_t));
        w->lanes = aligned_alloc(64, EPFD_SUPER_SIDE * EPFD_SUPER_SIDE * sizeof *w->lanes);
        ok &= w->list && w->bin && w->lanes && few_alloc(&w->few, n_em);
        w->few.cat = cat;
        w->few.ts = cat_ts;
        w->few.tr = table_flat(table_of(&p->es_gain), p->es_gain.flat_end);
        if (ok && cat && p->any_alpha) {
            w->rows = aligned_alloc(64, n_em * sizeof *w->rows);
            w->open = malloc(n_em * sizeof *w->open);
            ok = w->rows && w->open;
        }
#ifndef EPFD_FP64
        if (ok && chan) {
            w->ch = &chs[t];
            ok = chan_scratch_alloc(w->ch, chan, n_em);
        }
#endif
    }
    if (!ok) {
        st = interf_error_set(err, INTERF_ENOMEM, "EPFD run: out of memory");
        goto done;
    }
    interf_epfd_bins_init(bins);
    st = (by_blocks ? run_by_blocks(&r) : run_by_supers(&r))
             ? INTERF_OK
             : interf_error_set(err, INTERF_ECANCELED, "EPFD run: canceled");
#ifdef EPFD_FP64
    (void)chs;
#else
    for (int t = 0; chan && st == INTERF_OK && t < p->threads; t++)
        if (r.w[t].ch->fail)
            st = interf_error_set(err, INTERF_ENOMEM, "EPFD run: out of memory for the coupling "
                                  "matrices");
#endif
done:
    for (int t = 0; r.w && t < p->threads; t++) {
#ifndef EPFD_FP64
        if (r.w[t].ch)
            chan_scratch_free(r.w[t].ch);
#endif
        free(r.w[t].list);
        cands_free(&r.w[t].cands);
        free(r.w[t].bin);
        free(r.w[t].lanes);
        free(r.w[t].rows);
        free(r.w[t].open);
        few_free(&r.w[t].few);
    }
    for (int t = 0; r.wk && t < n_wk; t++)
        worker_free(&r.wk[t]);
    free(r.w);
    free(r.wk);
    epfd_windows_free(&wn);
    free(cat_own);
    free(ec);
    free(bins);
    return st;
}

enum interf_status EPFD_RUN(const struct interf_epfd_plan *p, const struct interf_epfd_slice *sl,
                            struct interf_epfd_out *out, interf_progress_fn progress, void *user,
                            struct interf_error *err)
{
    return run_slice(p, sl, out, NULL, NULL, progress, user, err);
}

#ifndef EPFD_FP64
enum interf_status interf_epfd_run(const struct interf_epfd_plan *p, struct interf_epfd_out *out,
                                   interf_progress_fn progress, void *user,
                                   struct interf_error *err)
{
    struct interf_epfd_slice all = {0, 1, 0, p->spec.window.n_steps};
    if (out->hist.count)
        epfd_hist_zero(out->hist.count, p->n_points * INTERF_EPFD_NBINS);
    epfd_series_reset(p, out);
    out->clamped = 0;
    out->threads_used = 0;
    return interf_epfd_run_slice(p, &all, out, progress, user, err);
}
#endif

#ifndef EPFD_FP64
enum interf_status epfd_run_chan(const struct interf_epfd_plan *p,
                                 const struct interf_epfd_slice *sl, size_t n_ch, const float *rel,
                                 float *lin, struct interf_epfd_chan_info *info,
                                 struct interf_error *err)
{
    struct chan_run run = {n_ch, rel, lin, sl->step_begin, sl->step_end - sl->step_begin};
    struct interf_epfd_out dummy = {0};
    struct chan_scratch *chs = calloc((size_t)p->threads, sizeof *chs);
    if (!chs)
        return interf_error_set(err, INTERF_ENOMEM, "EPFD run: out of memory");
    /* OpenBLAS's own threads would fight the OpenMP ones: one BLAS thread for the run (each
     * tile's product is then formed the same way whatever the thread count), the caller's
     * setting back after it */
    int blas_threads = openblas_get_num_threads();
    openblas_set_num_threads(1);
    enum interf_status st = run_slice(p, sl, &dummy, &run, chs, NULL, NULL, err);
    openblas_set_num_threads(blas_threads);
    for (int t = 0; info && t < p->threads; t++) {
        info->nnz += chs[t].nnz;
        info->cells += chs[t].cells;
        info->products += chs[t].products;
        info->rows += chs[t].rows;
        info->flop += chs[t].flop;
    }
    free(chs);
    return st;
}
#endif
