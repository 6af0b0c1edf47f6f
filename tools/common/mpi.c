/* SPDX-License-Identifier: MIT */
/* The tools' MPI driver: under mpirun every rank runs the tool; rank 0 reads the inputs and
 * gives them to the others, each rank runs its slice of the work (the library's static
 * partition), the results are summed exactly onto rank 0, which alone prints and writes.
 * Without MPI (a plain run, or a build without it) each function is the one-process case. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_impl.h"

#ifdef INTERF_WITH_MPI
#include <mpi.h>
#endif

static int rank_id, n_ranks = 1, mpi_on, agreed_failure;

int cli_rank(void) { return rank_id; }
int cli_ranks(void) { return n_ranks; }

/* The whole of an input (a file or standard input) in memory, NUL-terminated. */
static enum interf_status read_all(const char *path, char **data, size_t *len,
                                   struct interf_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    size_t cap = 65536, n = 0;
    char *buf = f ? malloc(cap) : NULL;
    if (!f)
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    errno = 0;
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *b = realloc(buf, cap *= 2);
        if (!b)
            free(buf);
        buf = b;
    }
    int bad = !buf || ferror(f), errnum = errno ? errno : EIO;
    if (!is_stdin)
        fclose(f);
    if (bad) {
        free(buf);
        return buf ? interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errnum))
                   : interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    }
    buf[n] = '\0';
    *data = buf, *len = n;
    return INTERF_OK;
}

#ifndef INTERF_WITH_MPI

void cli_mpi_start(void) {}
double cli_ranks_min(double v) { return v; }
int cli_ranks_here(void) { return 1; }
enum interf_status cli_ranks_agree(enum interf_status st, struct interf_error *err)
{
    (void)err;
    return st;
}
void cli_ranks_sum_counts(uint32_t *count, size_t n)
{
    (void)count, (void)n;
}

#else

/* MPI takes int counts: large arrays go in pieces. */
#define CHUNK ((size_t)1 << 26)
enum { TAG_PROGRESS = 1, TAG_FINAL, TAG_ROWS, TAG_SERIES, TAG_BYTES };

/* mpirun (OpenMPI), or a PMI or PMIx launcher (MPICH's hydra, Slurm's srun), says so. */
static int launched_by_mpirun(void)
{
    static const char *vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"};
    for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++)
        if (getenv(vars[k]))
            return 1;
    return 0;
}

/* At exit: a run that succeeded finalises MPI on every rank. After an error MPI is left as it
 * is (finalising waits for the other ranks, which may never come): the non-zero status makes
 * mpirun end the job. The other ranks wait a grace time after an error, so that rank 0, which
 * shows it (an agreed error, or a bad input every rank reads alike), ends the job first: had
 * one of them exited first, mpirun would end rank 0 with SIGTERM while it writes its message.
 * An error only this rank (not 0) met and that no agreement reported is shown after that time:
 * so the user reads each error once. */
static void at_exit(void)
{
    if (!cli_failed()) {
        MPI_Finalize();
        return;
    }
    if (rank_id != 0 && *cli_kept_error()) {
        sleep(3);
        if (!agreed_failure)
            fprintf(stderr, "%s: rank %d: %s\n", cli_name(), rank_id, cli_kept_error());
    }
}

void cli_mpi_start(void)
{
    int provided;
    if (!launched_by_mpirun())
        return;
    /* OpenMP threads inside a rank never call MPI: the main thread does, between blocks */
    MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_id);
    MPI_Comm_size(MPI_COMM_WORLD, &n_ranks);
    mpi_on = 1;
    atexit(at_exit);
    if (rank_id != 0) {
        cli_messages_rank(rank_id);
        /* rank 0 writes every output: --help, --version and stdout results appear once */
        if (!freopen("/dev/null", "w", stdout))
            fclose(stdout);
    }
}

double cli_ranks_min(double v)
{
    double m = v;
    if (mpi_on)
        MPI_Allreduce(&v, &m, 1, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
    return m;
}

int cli_ranks_here(void)
{
    MPI_Comm node;
    int n = 1;
    if (!mpi_on)
        return 1;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
    MPI_Comm_size(node, &n);
    MPI_Comm_free(&node);
    return n;
}

enum interf_status cli_ranks_agree(enum interf_status st, struct interf_error *err)
{
    if (!mpi_on)
        return st;
    int mine = st != INTERF_OK ? rank_id : n_ranks, first;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (first == n_ranks)
        return INTERF_OK;
    int status = (int)st;
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", st != INTERF_OK ? err->msg : "");
    MPI_Bcast(&status, 1, MPI_INT, first, MPI_COMM_WORLD);
    MPI_Bcast(msg, (int)sizeof msg, MPI_CHAR, first, MPI_COMM_WORLD);
    agreed_failure = 1;
    return interf_error_set(err, (enum interf_status)status, "rank %d: %s", first, msg);
}

static void send_bytes(const void *buf, size_t n, int to, int tag)
{
    for (size_t o = 0; o < n || o == 0; o += CHUNK) {
        size_t m = n - o < CHUNK ? n - o : CHUNK;
        MPI_Send((const char *)buf + o, (int)m, MPI_BYTE, to, tag, MPI_COMM_WORLD);
        if (m < CHUNK)
            break;
    }
}

static void recv_bytes(void *buf, size_t n, int from, int tag)
{
    for (size_t o = 0; o < n || o == 0; o += CHUNK) {
        size_t m = n - o < CHUNK ? n - o : CHUNK;
        MPI_Recv((char *)buf + o, (int)m, MPI_BYTE, from, tag, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        if (m < CHUNK)
            break;
    }
}

static void bcast_bytes(void *buf, size_t n)
{
    for (size_t o = 0; o < n; o += CHUNK)
        MPI_Bcast((char *)buf + o, (int)(n - o < CHUNK ? n - o : CHUNK), MPI_BYTE, 0,
                  MPI_COMM_WORLD);
}

/* Counts summed onto the root of comm. */
static void sum_counts(uint32_t *count, size_t n, MPI_Comm comm)
{
    int r;
    MPI_Comm_rank(comm, &r);
    for (size_t o = 0; o < n; o += CHUNK)
        MPI_Reduce(r == 0 ? MPI_IN_PLACE : count + o, count + o,
                   (int)(n - o < CHUNK ? n - o : CHUNK), MPI_UINT32_T, MPI_SUM, 0, comm);
}

void cli_ranks_sum_counts(uint32_t *count, size_t n)
{
    if (mpi_on)
        sum_counts(count, n, MPI_COMM_WORLD);
}

#endif /* INTERF_WITH_MPI */

/* The bytes of an input on every rank: read by rank 0, sent to the others. */
static enum interf_status input_bytes(const char *path, char **data, size_t *len,
                                      struct interf_error *err)
{
    enum interf_status st = INTERF_OK;
    *data = NULL, *len = 0;
    if (rank_id == 0)
        st = read_all(path, data, len, err);
#ifdef INTERF_WITH_MPI
    if (!mpi_on)
        return st;
    /* rank 0's error is every rank's, as it stands (no rank: the input is at fault) */
    unsigned long long head[2] = {(unsigned long long)st, (unsigned long long)*len};
    MPI_Bcast(head, 2, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    if ((st = (enum interf_status)head[0]) != INTERF_OK) {
        MPI_Bcast(err->msg, (int)sizeof err->msg, MPI_CHAR, 0, MPI_COMM_WORLD);
        err->status = st;
        return st;
    }
    *len = (size_t)head[1];
    if (rank_id != 0 && !(*data = malloc(*len + 1)))
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    if ((st = cli_ranks_agree(st, err)) != INTERF_OK) {
        free(*data);
        *data = NULL;
        return st;
    }
    bcast_bytes(*data, *len);
    (*data)[*len] = '\0';
#endif
    return st;
}

FILE *cli_input_open(const char *path, struct interf_error *err)
{
    char *data;
    size_t len;
    FILE *f = NULL;
    if (!mpi_on) {
        f = strcmp(path, "-") ? fopen(path, "r") : stdin;
        if (!f)
            interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
        return f;
    }
    if (input_bytes(path, &data, &len, err) != INTERF_OK)
        return NULL;
    /* a temporary copy: the stream owns it (removed when closed or at exit) */
    enum interf_status st = INTERF_OK;
    if (!(f = tmpfile()) || fwrite(data, 1, len, f) != len || fseek(f, 0, SEEK_SET) != 0)
        st = interf_error_set(err, INTERF_EIO, "%s: temporary copy: %s", path, strerror(errno));
    free(data);
    if (cli_ranks_agree(st, err) != INTERF_OK) {
        if (f)
            fclose(f);
        return NULL;
    }
    return f;
}

struct interf_system *cli_system(const char *path)
{
    struct interf_system *sys = NULL;
    struct interf_error err;
    char *data = NULL;
    size_t len;
    enum interf_status st = mpi_on ? input_bytes(path, &data, &len, &err) : INTERF_OK;
    if (st == INTERF_OK)
        st = mpi_on ? interf_system_load_buffer(path, data, len, &sys, &err)
                    : interf_system_load(path, &sys, &err);
    free(data);
    if (st != INTERF_OK)
        cli_die(&err);
    for (size_t k = 0; k < interf_system_warning_count(sys); k++)
        cli_warn("%s", interf_system_warning(sys, k));
    return sys;
}

/* ---------------------------------------------------------------------------- progress */

enum interf_status cli_ranks_progress_begin(struct cli_ranks_progress *p,
                                            struct cli_progress *shown, double work,
                                            struct interf_error *err)
{
    memset(p, 0, sizeof *p);
    p->shown = shown, p->work = p->total = work;
    enum interf_status st = INTERF_OK;
#ifdef INTERF_WITH_MPI
    if (mpi_on) {
        MPI_Allreduce(&work, &p->total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        if (!(p->request = malloc(sizeof(MPI_Request))) ||
            (rank_id == 0 && !(p->done = calloc((size_t)n_ranks, sizeof *p->done))))
            st = interf_error_set(err, INTERF_ENOMEM, "progress: out of memory");
        if ((st = cli_ranks_agree(st, err)) != INTERF_OK) {
            free(p->request);
            free(p->done);
            return st;
        }
        *(MPI_Request *)p->request = MPI_REQUEST_NULL;
    }
#else
    (void)err;
#endif
    return st;
}

#ifdef INTERF_WITH_MPI
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Rank 0: the reports that have come (all of them until every rank's last when wait). */
static void take_reports(struct cli_ranks_progress *p, int wait)
{
    int flag = 1;
    while (wait ? p->finals < n_ranks - 1 : flag) {
        MPI_Status s;
        if (!wait)
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &s);
        if (!flag)
            break;
        double v;
        MPI_Recv(&v, 1, MPI_DOUBLE, wait ? MPI_ANY_SOURCE : s.MPI_SOURCE,
                 wait ? MPI_ANY_TAG : s.MPI_TAG, MPI_COMM_WORLD, &s);
        p->done[s.MPI_SOURCE] = v;
        p->finals += s.MPI_TAG == TAG_FINAL;
        double sum = 0;
        for (int r = 0; r < n_ranks; r++)
            sum += p->done[r];
        if (wait)
            cli_progress(p->total > 0 ? sum / p->total : 1, "running", p->shown);
    }
}
#endif

int cli_ranks_progress(double fraction, const char *stage, void *user)
{
    struct cli_ranks_progress *p = user;
    if (!mpi_on)
        return cli_progress(fraction, stage, p->shown);
#ifdef INTERF_WITH_MPI
    if (rank_id == 0) {
        p->done[0] = fraction * p->work;
        take_reports(p, 0);
        double sum = 0;
        for (int r = 0; r < n_ranks; r++)
            sum += p->done[r];
        return cli_progress(p->total > 0 ? sum / p->total : 1, stage, p->shown);
    }
    /* at most two reports a second, one at a time */
    int flag;
    double t = now_s();
    MPI_Test(p->request, &flag, MPI_STATUS_IGNORE);
    if (t - p->last_s >= 0.5 && flag) {
        p->sent = fraction * p->work, p->last_s = t;
        MPI_Isend(&p->sent, 1, MPI_DOUBLE, 0, TAG_PROGRESS, MPI_COMM_WORLD, p->request);
    }
#endif
    return 0;
}

void cli_ranks_progress_end(struct cli_ranks_progress *p)
{
#ifdef INTERF_WITH_MPI
    if (mpi_on && rank_id != 0) {
        MPI_Wait(p->request, MPI_STATUS_IGNORE);
        MPI_Send(&p->work, 1, MPI_DOUBLE, 0, TAG_FINAL, MPI_COMM_WORLD);
    } else if (mpi_on) {
        p->done[0] = p->work;
        take_reports(p, 1);
    }
    free(p->request);
    free(p->done);
#endif
    cli_progress_done(p->shown);
}

/* ---------------------------------------------------------------------------- EPFD runs */

#ifdef INTERF_WITH_MPI
/* The histogram rows (or series steps) of points idx[0..n) between out and buf. */
static void rows(uint32_t *hist, size_t *idx, size_t n, uint32_t *buf, int pack)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t *row = hist + idx[i] * INTERF_EPFD_NBINS, *b = buf + i * INTERF_EPFD_NBINS;
        memcpy(pack ? b : row, pack ? row : b, INTERF_EPFD_NBINS * sizeof *row);
    }
}

static void steps(float *series, size_t n_steps, const struct interf_epfd_slice *sl,
                  size_t *idx, size_t n, float *buf, int pack)
{
    size_t len = (size_t)(sl->step_end - sl->step_begin);
    for (size_t i = 0; i < n; i++) {
        float *s = series + idx[i] * n_steps + (size_t)sl->step_begin, *b = buf + i * len;
        memcpy(pack ? b : s, pack ? s : b, len * sizeof *s);
    }
}

/* The largest slice of the partition: its points and its points x steps. */
static void largest(const struct interf_epfd_plan *plan, size_t *pts, size_t *cells)
{
    *pts = *cells = 0;
    for (int r = 0; r < n_ranks; r++) {
        struct interf_epfd_slice s;
        interf_epfd_partition(plan, n_ranks, r, &s, NULL);
        size_t n = interf_epfd_slice_points(plan, &s, NULL);
        size_t c = n * (size_t)(s.step_end - s.step_begin);
        *pts = n > *pts ? n : *pts;
        *cells = c > *cells ? c : *cells;
    }
}

/* The histograms: summed over the time windows of each tile part onto its first rank, then
 * each part's rows sent to rank 0 (rows of different parts are different points). */
static void gather_hist(const struct interf_epfd_plan *plan, const struct interf_epfd_slice *sl,
                        struct interf_epfd_out *out, size_t *idx, uint32_t *buf)
{
    if (sl->n_parts == 1) { /* time windows only: the whole set, in place */
        sum_counts(out->hist.count, out->hist.n_points * INTERF_EPFD_NBINS, MPI_COMM_WORLD);
        return;
    }
    size_t n = interf_epfd_slice_points(plan, sl, idx);
    MPI_Comm part;
    MPI_Comm_split(MPI_COMM_WORLD, (int)sl->part, rank_id, &part);
    rows(out->hist.count, idx, n, buf, 1);
    sum_counts(buf, n * INTERF_EPFD_NBINS, part);
    MPI_Comm_free(&part);
    if (rank_id != 0 && (size_t)rank_id < sl->n_parts) {
        send_bytes(buf, n * INTERF_EPFD_NBINS * sizeof *buf, 0, TAG_ROWS);
        return;
    }
    if (rank_id != 0)
        return;
    rows(out->hist.count, idx, n, buf, 0);
    for (size_t p = 1; p < sl->n_parts; p++) {
        struct interf_epfd_slice s = {p, sl->n_parts, 0, 0};
        size_t m = interf_epfd_slice_points(plan, &s, idx);
        recv_bytes(buf, m * INTERF_EPFD_NBINS * sizeof *buf, (int)p, TAG_ROWS);
        rows(out->hist.count, idx, m, buf, 0);
    }
}

/* The series: each rank's points and steps sent to rank 0. */
static void gather_series(const struct interf_epfd_plan *plan,
                          const struct interf_epfd_slice *sl, struct interf_epfd_out *out,
                          size_t *idx, float *buf)
{
    size_t ns = (size_t)interf_epfd_plan_spec(plan)->window.n_steps;
    if (rank_id != 0) {
        size_t n = interf_epfd_slice_points(plan, sl, idx);
        steps(out->series, ns, sl, idx, n, buf, 1);
        send_bytes(buf, n * (size_t)(sl->step_end - sl->step_begin) * sizeof *buf, 0,
                   TAG_SERIES);
        return;
    }
    for (int r = 1; r < n_ranks; r++) {
        struct interf_epfd_slice s;
        interf_epfd_partition(plan, n_ranks, r, &s, NULL);
        size_t n = interf_epfd_slice_points(plan, &s, idx);
        recv_bytes(buf, n * (size_t)(s.step_end - s.step_begin) * sizeof *buf, r, TAG_SERIES);
        steps(out->series, ns, &s, idx, n, buf, 0);
    }
}

static enum interf_status gather(const struct interf_epfd_plan *plan,
                                 const struct interf_epfd_slice *sl, struct interf_epfd_out *out,
                                 struct interf_error *err)
{
    size_t pts, cells;
    largest(plan, &pts, &cells);
    size_t *idx = malloc((pts ? pts : 1) * sizeof *idx);
    size_t bytes = out->series      ? cells * sizeof(float)
                   : sl->n_parts > 1 ? pts * INTERF_EPFD_NBINS * 4 : 0;
    void *buf = malloc(bytes ? bytes : 1);
    enum interf_status st = idx && buf ? INTERF_OK
                                       : interf_error_set(err, INTERF_ENOMEM,
                                                          "results: out of memory (%.2f GiB)",
                                                          (double)bytes / 1073741824.0);
    if ((st = cli_ranks_agree(st, err)) == INTERF_OK) {
        if (out->hist.count)
            gather_hist(plan, sl, out, idx, buf);
        if (out->series)
            gather_series(plan, sl, out, idx, buf);
        unsigned long long clamped = out->clamped, total = 0;
        int threads = out->threads_used, most = 0;
        MPI_Reduce(&clamped, &total, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
        MPI_Reduce(&threads, &most, 1, MPI_INT, MPI_MAX, 0, MPI_COMM_WORLD);
        out->clamped = total, out->threads_used = most;
    }
    free(idx);
    free(buf);
    return st;
}
#endif

enum interf_status cli_epfd_run(const struct interf_epfd_plan *plan, struct interf_epfd_out *out,
                                struct cli_progress *prog, struct interf_error *err)
{
    if (!mpi_on)
        return interf_epfd_run(plan, out, cli_progress, prog, err);
#ifdef INTERF_WITH_MPI
    struct interf_epfd_slice sl;
    struct cli_ranks_progress rp;
    interf_epfd_partition(plan, n_ranks, rank_id, &sl, NULL);
    double work = (double)interf_epfd_slice_points(plan, &sl, NULL) *
                  (double)(sl.step_end - sl.step_begin);
    enum interf_status st = cli_ranks_progress_begin(&rp, prog, work, err);
    if (st != INTERF_OK)
        return st;
    /* out is as interf_epfd_out_create left it: no counts, series at the floor */
    st = interf_epfd_run_slice(plan, &sl, out, cli_ranks_progress, &rp, err);
    cli_ranks_progress_end(&rp);
    if ((st = cli_ranks_agree(st, err)) != INTERF_OK)
        return st;
    return gather(plan, &sl, out, err);
#else
    return INTERF_EINVAL;
#endif
}

/* ---------------------------------------------------------------------------- examinations */

#ifdef INTERF_WITH_MPI
/* An error every rank met is the input's (they all read the same): shown as it is, as in a
 * plain run, by rank 0; one that only some ranks met is agreed, naming the rank. Collective. */
static enum interf_status agree_input(enum interf_status st, struct interf_error *err)
{
    int failed = st != INTERF_OK, all;
    MPI_Allreduce(&failed, &all, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    if (all < n_ranks)
        return cli_ranks_agree(st, err);
    agreed_failure = 1;
    return st;
}

/* The ranks' parts summed on every rank: integers (and links, whole numbers below 2^53) in any
 * order give the same sum, the maxima the largest. */
static void sum_part(struct interf_exam_part *p)
{
    uint64_t u[4] = {p->total, p->evaluated, p->clamped, p->coarse_blocks};
    double links[2] = {p->links, p->accepted};
    MPI_Allreduce(MPI_IN_PLACE, p->count, INTERF_EPFD_NBINS, MPI_UINT32_T, MPI_SUM,
                  MPI_COMM_WORLD);
    MPI_Allreduce(MPI_IN_PLACE, u, 4, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    MPI_Allreduce(MPI_IN_PLACE, links, 2, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    MPI_Allreduce(MPI_IN_PLACE, &p->max_db, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    MPI_Allreduce(MPI_IN_PLACE, &p->threads_used, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    p->total = u[0], p->evaluated = u[1], p->clamped = u[2], p->coarse_blocks = u[3];
    p->links = links[0], p->accepted = links[1];
}
#endif

#ifdef INTERF_WITH_MPI
/* The ranks' parts of a worst-case geometry search into each (interf_exam_share_search) */
static void combine_bor(void *buf, size_t bytes, void *user)
{
    (void)user;
    for (size_t o = 0; o < bytes; o += CHUNK)
        MPI_Allreduce(MPI_IN_PLACE, (char *)buf + o, (int)(bytes - o < CHUNK ? bytes - o : CHUNK),
                      MPI_BYTE, MPI_BOR, MPI_COMM_WORLD);
}
#endif

enum interf_status cli_exam_execute(struct interf_exam *ex, size_t k, struct cli_progress *prog,
                                    struct interf_error *err)
{
    if (!mpi_on)
        return interf_exam_execute(ex, k, cli_progress, prog, err);
#ifdef INTERF_WITH_MPI
    struct interf_exam_part part;
    struct cli_ranks_progress rp;
    int64_t first, end;
    interf_exam_share_search(ex, rank_id, n_ranks, combine_bor, NULL);
    enum interf_status st = interf_exam_prepare(ex, k, rank_id == 0 ? cli_progress : NULL, prog,
                                                err);
    if ((st = agree_input(st, err)) != INTERF_OK)
        return st;
    interf_exam_window(ex, k, n_ranks, rank_id, &first, &end);
    double t0 = MPI_Wtime();
    if ((st = cli_ranks_progress_begin(&rp, prog, (double)(end - first), err)) != INTERF_OK)
        return st;
    st = interf_exam_run_part(ex, k, first, end, &part, cli_ranks_progress, &rp, err);
    cli_ranks_progress_end(&rp);
    if ((st = agree_input(st, err)) != INTERF_OK)
        return st;
    sum_part(&part);
    st = interf_exam_finish(ex, k, &part, MPI_Wtime() - t0, err);
    return cli_ranks_agree(st, err);
#else
    return INTERF_EINVAL;
#endif
}

/* ---------------------------------------------------------------------------- footprints */

#ifdef INTERF_WITH_MPI
/* Rank 0 receives every other rank's elements [first, end) of v (size bytes each). */
static void gather_range(void *v, size_t size, size_t first, size_t end)
{
    unsigned long long range[2] = {first, end};
    if (rank_id != 0) {
        MPI_Send(range, 2, MPI_UNSIGNED_LONG_LONG, 0, TAG_BYTES, MPI_COMM_WORLD);
        send_bytes((char *)v + first * size, (end - first) * size, 0, TAG_BYTES);
        return;
    }
    for (int r = 1; r < n_ranks; r++) {
        MPI_Recv(range, 2, MPI_UNSIGNED_LONG_LONG, r, TAG_BYTES, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        recv_bytes((char *)v + range[0] * size, (size_t)(range[1] - range[0]) * size, r,
                   TAG_BYTES);
    }
}
#endif

enum interf_status cli_footprint_run(struct interf_footprint_request *rq,
                                     struct interf_footprint_result *res,
                                     struct cli_progress *prog, struct interf_error *err)
{
    rq->progress = cli_progress, rq->progress_user = prog;
    if (!mpi_on)
        return interf_footprint_run(rq, res, err);
#ifdef INTERF_WITH_MPI
    struct cli_ranks_progress rp;
    size_t first, end;
    memset(res, 0, sizeof *res);
    enum interf_status st = interf_footprint_partition(rq, n_ranks, rank_id, &first, &end, err);
    if ((st = agree_input(st, err)) != INTERF_OK ||
        (st = cli_ranks_progress_begin(&rp, prog, (double)(end - first), err)) != INTERF_OK)
        return st;
    rq->progress = cli_ranks_progress, rq->progress_user = &rp;
    st = interf_footprint_run_part(rq, first, end, res, err);
    cli_ranks_progress_end(&rp);
    rq->progress = NULL, rq->progress_user = NULL;
    if ((st = agree_input(st, err)) != INTERF_OK) {
        interf_footprint_result_free(res);
        return st;
    }
    for (size_t k = 0; k < res->n_grids; k++)
        gather_range(res->grid[k]->values, sizeof *res->grid[k]->values, first, end);
    return INTERF_OK;
#else
    return INTERF_EINVAL;
#endif
}

/* ---------------------------------------------------------------------------- aggregate runs */

#ifdef INTERF_WITH_MPI
/* The largest of each value over the ranks onto rank 0 (exact). */
static void max_floats(float *v, size_t n)
{
    for (size_t o = 0; o < n; o += CHUNK)
        MPI_Reduce(rank_id == 0 ? MPI_IN_PLACE : v + o, v + o,
                   (int)(n - o < CHUNK ? n - o : CHUNK), MPI_FLOAT, MPI_MAX, 0, MPI_COMM_WORLD);
}

/* Series: each rank's window of steps of every system's samples sent to rank 0; buf holds
 * the largest window's. */
static void gather_mix_series(struct interf_epfd_mix *m, const struct interf_epfd_mix_results *r,
                              float *buf)
{
    for (int from = 1; from < n_ranks; from++) {
        if (rank_id != 0 && rank_id != from)
            continue;
        long k0, k1;
        interf_epfd_mix_partition(m, (size_t)n_ranks, (size_t)from, &k0, &k1);
        size_t w = (size_t)(k1 - k0), bytes = r->n_points * w * sizeof *buf;
        for (size_t s = 0; s < INTERF_EPFD_MIX_MAX && r->series[s]; s++) {
            for (size_t g = 0; rank_id != 0 && g < r->n_points; g++)
                memcpy(buf + g * w, r->series[s] + g * r->n_steps + k0, w * sizeof *buf);
            if (rank_id != 0)
                send_bytes(buf, bytes, 0, TAG_SERIES);
            else
                recv_bytes(buf, bytes, from, TAG_SERIES);
            for (size_t g = 0; rank_id == 0 && g < r->n_points; g++)
                memcpy(r->series[s] + g * r->n_steps + k0, buf + g * w, w * sizeof *buf);
        }
    }
}

/* The ranks' slice results merged onto rank 0: counts summed, channel maxima the largest,
 * series gathered. */
static enum interf_status merge_mix(struct interf_epfd_mix *m, uint64_t *clamped,
                                    struct interf_error *err)
{
    struct interf_epfd_mix_results r;
    interf_epfd_mix_results(m, &r);
    size_t n = 0;
    for (int p = 0; r.series[0] && p < n_ranks; p++) { /* the largest window */
        long k0, k1;
        interf_epfd_mix_partition(m, (size_t)n_ranks, (size_t)p, &k0, &k1);
        n = r.n_points * (size_t)(k1 - k0) > n ? r.n_points * (size_t)(k1 - k0) : n;
    }
    float *buf = n ? malloc(n * sizeof *buf) : NULL;
    enum interf_status st = n && !buf ? interf_error_set(err, INTERF_ENOMEM, "results: out of "
                                                         "memory") : INTERF_OK;
    if ((st = cli_ranks_agree(st, err)) != INTERF_OK)
        return st;
    if (n)
        gather_mix_series(m, &r, buf);
    free(buf);
    for (size_t k = 0; k < r.n_sets; k++)
        sum_counts(r.count[k], r.n_counts, MPI_COMM_WORLD);
    max_floats(r.ch_max, r.n_ch_max);
    struct interf_epfd_chan_info *in = r.info;
    uint64_t v[5] = {*clamped, in->nnz, in->cells, in->products, in->rows}, t[5] = {0};
    MPI_Reduce(v, t, 5, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    MPI_Reduce(rank_id == 0 ? MPI_IN_PLACE : &in->flop, &in->flop, 1, MPI_DOUBLE, MPI_SUM, 0,
               MPI_COMM_WORLD);
    *clamped = t[0], in->nnz = t[1], in->cells = t[2], in->products = t[3], in->rows = t[4];
    return INTERF_OK;
}
#endif

enum interf_status cli_mix_run(struct interf_epfd_mix *m, uint64_t *clamped,
                               struct interf_error *err)
{
    if (!mpi_on)
        return interf_epfd_mix_run(m, clamped, err);
#ifdef INTERF_WITH_MPI
    long k0, k1;
    interf_epfd_mix_partition(m, (size_t)n_ranks, (size_t)rank_id, &k0, &k1);
    enum interf_status st = interf_epfd_mix_run_slice(m, k0, k1, clamped, err);
    if ((st = cli_ranks_agree(st, err)) == INTERF_OK)
        st = merge_mix(m, clamped, err);
    return st;
#else
    return INTERF_EINVAL;
#endif
}
