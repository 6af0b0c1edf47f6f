/* SPDX-License-Identifier: MIT */
/* interf io: what every run reads and writes the same way. The reader of the table format of
 * interf-table(5) (tokens, the schema line, "# key: value" provenance, ">" part separators,
 * file:line:column errors, numbers in the C locale), the provenance record that every output
 * carries (one key vocabulary, rendered as table comments, grid metadata and PNG text by one
 * function each), and the output set: the files of one run written to temporary names beside
 * their targets and renamed into place together, or not at all. */
#ifndef INTERF_IO_H
#define INTERF_IO_H

#include <stddef.h>
#include <stdio.h>

#include "interf/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------- table reader */

/* Grammar (interf-table(5)): UTF-8 text, one record a line (LF or CRLF), fields separated by
 * runs of blanks or tabs. A part of the stream is: an optional schema line, the first line of
 * the part when it is a "#" line that is not metadata: "# name_unit name_unit ..." naming the
 * columns; "# key: value" metadata lines (key of letters, digits, '_', '-', '.', right after
 * "# "); other "#" lines (comments) and blank lines, skipped; data rows. With
 * INTERF_TABLE_PARTS a line starting with ">" ends a part (GMT's segment header): the next part
 * has its own schema line and metadata. NUL bytes are refused. */
#define INTERF_TABLE_PARTS 1u /* ">" lines separate parts (else they are skipped) */

struct interf_table;

/* What interf_table_next found. */
enum interf_table_event {
    INTERF_TABLE_END = 0, /* end of the stream */
    INTERF_TABLE_ROW = 1, /* a data row: interf_table_field and friends read it */
    INTERF_TABLE_PART = 2 /* a ">" line (INTERF_TABLE_PARTS): the part before it has ended;
                             its schema and metadata stay readable until the next call */
};

/* Start reading fp (borrowed, read from its current position); name labels every message
 * ("-" or "<stdin>" for standard input is shown as given). Free with interf_table_close. */
INTERF_API enum interf_status interf_table_open(FILE *fp, const char *name, unsigned flags,
                                                struct interf_table **out,
                                                struct interf_error *err);
INTERF_API void interf_table_close(struct interf_table *t); /* NULL: no-op */

/* The next event. A read error is INTERF_EIO "name: read error: ..."; a NUL byte INTERF_EINPUT
 * "name:line: NUL byte in a text file"; a line longer than 1 MiB INTERF_EINPUT. */
INTERF_API enum interf_status interf_table_next(struct interf_table *t,
                                                enum interf_table_event *event,
                                                struct interf_error *err);

/* The current row: its line number (1-based), number of fields, and field k (NUL-terminated,
 * valid until the next call of interf_table_next) with its 1-based byte column. */
INTERF_API int interf_table_line(const struct interf_table *t);
INTERF_API size_t interf_table_nfields(const struct interf_table *t);
INTERF_API const char *interf_table_field(const struct interf_table *t, size_t k);
INTERF_API int interf_table_column(const struct interf_table *t, size_t k);

/* Field k of the current row as a finite decimal number (interf_parse_real). Else
 * INTERF_EINPUT "name:line:column: what: TEXT: not a number" (what may be NULL: then
 * "name:line:column: TEXT: not a number"); a missing field k "name:line: what: missing". */
INTERF_API enum interf_status interf_table_real(const struct interf_table *t, size_t k,
                                                const char *what, double *out,
                                                struct interf_error *err);

/* A located message about field k of the current row: "name:line:column: " then the text
 * (k = SIZE_MAX: "name:line: "); returns status. For a reader's own checks. */
INTERF_API enum interf_status interf_table_fail(const struct interf_table *t, size_t k,
                                                struct interf_error *err,
                                                enum interf_status status, const char *fmt,
                                                ...) INTERF_PRINTF(5, 6);

/* The schema of the current part: its line (0 when the part has none), the number of column
 * names, the k-th name, and the index of a name (-1 when absent). */
INTERF_API int interf_table_schema_line(const struct interf_table *t);
INTERF_API size_t interf_table_ncols(const struct interf_table *t);
INTERF_API const char *interf_table_colname(const struct interf_table *t, size_t k);
INTERF_API int interf_table_find(const struct interf_table *t, const char *name);

/* The metadata of the current part, in file order: count, key and value of entry k, the line
 * it was on, and the value of key (NULL when absent; the last one when a key repeats). */
INTERF_API size_t interf_table_nmeta(const struct interf_table *t);
INTERF_API const char *interf_table_meta_key(const struct interf_table *t, size_t k);
INTERF_API const char *interf_table_meta_value(const struct interf_table *t, size_t k);
INTERF_API int interf_table_meta_line(const struct interf_table *t, size_t k);
INTERF_API const char *interf_table_meta(const struct interf_table *t, const char *key);

/* The name given to interf_table_open. */
INTERF_API const char *interf_table_name(const struct interf_table *t);

/* Points of a table (interf-epfd --points): columns lat_deg and lon_deg named on the schema
 * line, else columns 1 and 2; ">" lines are skipped. Latitude in [-90, 90], longitude in
 * [-180, 360]. On success *lat and *lon are new arrays of *n >= 1 points (free both); on
 * failure they are NULL and *n is 0: "name:line:column: TEXT: not a number",
 * "name:line: expected lat_deg in [-90, 90] and lon_deg in [-180, 360]", "name: no points". */
INTERF_API enum interf_status interf_table_read_points(FILE *fp, const char *name, double **lat,
                                                       double **lon, size_t *n,
                                                       struct interf_error *err);

/* Open path for reading, "-" being standard input: *fp, and *name, the name messages give it
 * ("<stdin>" for standard input, else path itself). INTERF_EIO "PATH: strerror(errno)" when it
 * cannot be opened. Close with interf_input_close (standard input is left open). */
INTERF_API enum interf_status interf_input_open(const char *path, FILE **fp, const char **name,
                                                struct interf_error *err);
INTERF_API void interf_input_close(FILE *fp); /* NULL and stdin: no-op */

/* ------------------------------------------------------------------------- provenance */

/* Where a result came from and what changes its numbers: an ordered list of (key, value)
 * pairs in the vocabulary of interf-table(5) ("PROVENANCE KEYS"): tool, command, system,
 * system_sha256, system_name, epoch_utc, start_utc, step_s, n_steps, t_run_s, es_pattern,
 * es_dish_m, freq_ghz, ref_bandwidth_khz, earth_model, precision, threads, quantity, unit,
 * statistic, ... Caller-owned value; set keys with interf_provenance_set. */
#define INTERF_PROV_MAX 48

struct interf_provenance_item {
    char key[40];
    char value[1000];
};

struct interf_provenance {
    size_t n;
    struct interf_provenance_item item[INTERF_PROV_MAX];
};

/* Empty the record, then set "tool" to "TOOL VERSION" (tool may be NULL: no tool key). */
INTERF_API void interf_provenance_init(struct interf_provenance *p, const char *tool);
/* Set key to a printf-formatted value (replacing an earlier value of key, keeping its place).
 * INTERF_EINVAL when the key is not a name ([A-Za-z_][A-Za-z0-9_.-]*, under 40 bytes), the value
 * holds a newline, or the record is full; a value too long is cut at 999 bytes. */
INTERF_API enum interf_status interf_provenance_set(struct interf_provenance *p, const char *key,
                                                    const char *fmt, ...) INTERF_PRINTF(3, 4);
/* The value of key, or NULL. */
INTERF_API const char *interf_provenance_get(const struct interf_provenance *p, const char *key);
/* Set "command" to the command line, each argument quoted for a POSIX shell where needed. */
INTERF_API void interf_provenance_set_command(struct interf_provenance *p, int argc,
                                              char *const *argv);
/* blas_core: the OpenBLAS kernel set this process runs (openblas_get_corename(): it depends on
 * the CPU and on OPENBLAS_CORETYPE), for outputs computed through BLAS, whose last bits depend
 * on it. */
INTERF_API void interf_provenance_set_blas(struct interf_provenance *p);
/* Set key to path and key_sha256 to the SHA-256 (FIPS 180-4) of the file's bytes, in lower-case
 * hex. A file that cannot be read is INTERF_EIO "path: reason". */
INTERF_API enum interf_status interf_provenance_set_file(struct interf_provenance *p,
                                                         const char *key, const char *path,
                                                         struct interf_error *err);
/* Copy every item of src into p (replacing equal keys). */
INTERF_API void interf_provenance_merge(struct interf_provenance *p,
                                        const struct interf_provenance *src);
/* Write "# key: value" lines, one per item, in order. INTERF_EIO on a write error. */
INTERF_API enum interf_status interf_provenance_write(FILE *fp,
                                                      const struct interf_provenance *p,
                                                      struct interf_error *err);

/* SHA-256 of n bytes into out (32 bytes). */
INTERF_API void interf_sha256(const void *data, size_t n, unsigned char out[32]);

/* ------------------------------------------------------------------------- output set */

/* The files one run writes, committed together: each target is written to a temporary file
 * beside it, "TARGET.tmp.PID.K" (K from 0, past names a stale file holds), created with the
 * mode a plain fopen would give; interf_outset_commit flushes, checks and closes them all, then
 * renames them into place, the last added first (a grid's sidecars, added after the grid, are in
 * place before it), so that a failed run leaves every earlier file untouched. "-" is standard output
 * (written directly, checked at commit, not closed). A target that exists and is not a
 * regular file (/dev/null, /dev/full, a FIFO) is written directly: a rename would replace the
 * device node. At most INTERF_OUTSET_MAX files a set. */
#define INTERF_OUTSET_MAX 16

struct interf_outset;

INTERF_API enum interf_status interf_outset_create(struct interf_outset **out,
                                                   struct interf_error *err);
/* Remove every temporary file not yet committed, close, free. NULL: no-op. */
INTERF_API void interf_outset_destroy(struct interf_outset *s);

/* Add target and open a stream on it (its temporary file, standard output, or the device).
 * INTERF_EIO "target: reason" when it cannot be created; *fp belongs to the set. */
INTERF_API enum interf_status interf_outset_open(struct interf_outset *s, const char *target,
                                                 FILE **fp, struct interf_error *err);
/* Add target for a writer that takes a path (libtiff): *tmp_path receives the name to write
 * (owned by the set), the temporary name or, for a device, target itself. INTERF_EINVAL for
 * "-". */
INTERF_API enum interf_status interf_outset_path(struct interf_outset *s, const char *target,
                                                 const char **tmp_path,
                                                 struct interf_error *err);
/* 1 when target would be written directly (standard output or an existing non-regular file:
 * no sidecars are possible there). */
INTERF_API int interf_outset_is_direct(const char *target);

/* Flush, check and close every stream, then rename every temporary file into place. On any
 * error: INTERF_EIO "target: write error: reason" (standard output: "standard output: ..."),
 * every temporary file is removed, and no target that was not yet renamed is touched. */
INTERF_API enum interf_status interf_outset_commit(struct interf_outset *s,
                                                   struct interf_error *err);
/* The set's stream for target failed to write: INTERF_EIO "target: write error: strerror(errno)"
 * (a helper for writers that notice ferror). */
INTERF_API enum interf_status interf_outset_write_error(const char *target,
                                                        struct interf_error *err);
/* Async-signal-safe: unlink every temporary file of the set (for a signal handler; the set is
 * left unusable but may still be destroyed). */
INTERF_API void interf_outset_unlink_all(struct interf_outset *s);

/* Before the work: can target be written? Its folder exists and is writable (or target is "-",
 * or an existing file or device that is writable). binary: a terminal is refused (a PNG on a
 * terminal), and so is "-" when standard output is a terminal. INTERF_EIO "target: reason". */
INTERF_API enum interf_status interf_output_check(const char *target, int binary,
                                                  struct interf_error *err);

/* s (UTF-8; NULL: empty) to f as a JSON string, quoted, with quotes, backslashes and control
 * characters escaped (RFC 8259 §7). For the JSON and GeoJSON writers of every layer. */
INTERF_API void interf_json_string(FILE *f, const char *s);

#ifdef __cplusplus
}
#endif
#endif
