/* SPDX-License-Identifier: MIT */
/* The XML pfd mask of Rec. ITU-R S.1503-4 (09/2023) §C4.1-§C4.2 (Table 5): one <pfd_mask> in a
 * <satellite_system>, tables <by_a a=LAT> of rows <by_b b=B> of cells <pfd c=C>VALUE</pfd>. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "exam_impl.h"

/* The header of Table 5: type and the names of the axes must agree */
static enum interf_status read_header(const char *path, xmlNodePtr n, struct interf_pfd_mask *m,
                                      struct interf_error *err)
{
    static const char *const attrs[] = {"mask_id", "low_freq_mhz", "high_freq_mhz", "refbw_khz",
                                        "type", "a_name", "b_name", "c_name", NULL};
    static const char *const types[] = {"alpha_deltaLongitude", "azimuth_elevation"};
    static const char *const bn[] = {"alpha", "azimuth"}, *const cn[] = {"deltaLongitude",
                                                                         "elevation"};
    char type[32], a[32], b[32], c[32];
    double id;
    enum interf_status st = exam_xml_attrs_known(path, n, attrs, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "mask_id", 1, 0, 0, 2147483647, &id, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "low_freq_mhz", 1, 0, 0, 1e7, &m->low_freq_mhz, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "high_freq_mhz", 1, 0, 0, 1e7, &m->high_freq_mhz, err);
    if (st == INTERF_OK) /* §C4.1: 40 kHz when the mask gives no bandwidth */
        st = exam_xml_attr_real(path, n, "refbw_khz", 0, 40, 1e-3, 1e7, &m->refbw_khz, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, n, "type", 1, type, sizeof type, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, n, "a_name", 0, a, sizeof a, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, n, "b_name", 0, b, sizeof b, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, n, "c_name", 0, c, sizeof c, err);
    if (st != INTERF_OK)
        return st;
    m->mask_id = (long)id;
    int k = !strcmp(type, types[0]) ? 0 : !strcmp(type, types[1]) ? 1 : -1;
    if (k < 0)
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: pfd_mask type: '%s': allowed: %s, "
                                "%s", path, exam_xml_line(n), type, types[0], types[1]);
    if ((a[0] && strcmp(a, "latitude")) || (b[0] && strcmp(b, bn[k])) || (c[0] && strcmp(c, cn[k])))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: pfd_mask a_name, b_name, c_name: "
                                "'%s', '%s', '%s': type %s has latitude, %s, %s", path,
                                exam_xml_line(n), a, b, c, type, bn[k], cn[k]);
    m->axes = k ? INTERF_MASK_AZ_EL : INTERF_MASK_ALPHA_DLON;
    return INTERF_OK;
}

/* The cells of one <by_a> into a table */
static enum interf_status read_by_a(const char *path, xmlNodePtr na, struct interf_pfd_mask *m,
                                    struct interf_mask_table *t, struct interf_error *err)
{
    static const char *const a_attrs[] = {"a", NULL}, *const b_attrs[] = {"b", NULL},
                             *const c_attrs[] = {"c", NULL};
    double lat, c_max = m->axes == INTERF_MASK_AZ_EL ? 90 : 180;
    size_t n = 0, cap = 0;
    struct exam_cell *cells = NULL;
    enum interf_status st = exam_xml_attrs_known(path, na, a_attrs, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, na, "a", 1, 0, -90, 90, &lat, err);
    for (xmlNodePtr nb = exam_xml_child(na, NULL); st == INTERF_OK && nb;
         nb = exam_xml_child(na, nb)) {
        double b;
        st = exam_xml_expect(path, nb, "by_b", "by_a", err);
        if (st == INTERF_OK)
            st = exam_xml_attrs_known(path, nb, b_attrs, err);
        if (st == INTERF_OK)
            st = exam_xml_attr_real(path, nb, "b", 1, 0, -180, 180, &b, err);
        for (xmlNodePtr nc = exam_xml_child(nb, NULL); st == INTERF_OK && nc;
             nc = exam_xml_child(nb, nc)) {
            struct exam_cell cell = {b, 0, 0, exam_xml_line(nc)};
            st = exam_xml_expect(path, nc, "pfd", "by_b", err);
            if (st == INTERF_OK)
                st = exam_xml_attrs_known(path, nc, c_attrs, err);
            if (st == INTERF_OK)
                st = exam_xml_attr_real(path, nc, "c", 1, 0, -c_max, c_max, &cell.c, err);
            if (st == INTERF_OK)
                st = exam_xml_text_real(path, nc, INTERF_MASK_OFF_DB, 100, &cell.v, err);
            if (st == INTERF_OK && n == cap) {
                cap = cap ? 2 * cap : 64;
                struct exam_cell *p = cap < (1u << 26) ? realloc(cells, cap * sizeof *p) : NULL;
                if (!p)
                    st = interf_error_set(err, INTERF_ENOMEM, "%s:%ld: too many cells", path,
                                          cell.line);
                else
                    cells = p;
            }
            if (st == INTERF_OK)
                cells[n++] = cell;
        }
    }
    if (st == INTERF_OK && n == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: by_a: latitude %g has no pfd value",
                              path, exam_xml_line(na), lat);
    if (st == INTERF_OK)
        st = exam_table_from_cells(t, lat, cells, n, path, "b", "c", err);
    free(cells);
    return st;
}

static enum interf_status read_mask(const char *path, xmlNodePtr root,
                                    struct interf_pfd_mask **out, struct interf_error *err)
{
    static const char *const sys_attrs[] = {"ntc_id", "sat_name", NULL};
    enum interf_status st = exam_xml_expect(path, root, "satellite_system", "file", err);
    if (st == INTERF_OK)
        st = exam_xml_attrs_known(path, root, sys_attrs, err);
    xmlNodePtr nm = st == INTERF_OK ? exam_xml_child(root, NULL) : NULL;
    if (st == INTERF_OK && !nm)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: satellite_system: no <pfd_mask>",
                              path, exam_xml_line(root));
    if (st == INTERF_OK)
        st = exam_xml_expect(path, nm, "pfd_mask", "satellite_system", err);
    if (st == INTERF_OK && exam_xml_child(root, nm))
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: satellite_system: a second mask "
                              "(S.1503-4 §C4.1: one mask per file)", path,
                              exam_xml_line(exam_xml_child(root, nm)));
    if (st != INTERF_OK)
        return st;
    size_t n = 0;
    for (xmlNodePtr na = exam_xml_child(nm, NULL); na; na = exam_xml_child(nm, na))
        n++;
    if (n == 0)
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: pfd_mask: no <by_a> table", path,
                                exam_xml_line(nm));
    st = interf_pfd_mask_create(INTERF_MASK_ALPHA_DLON, n, out, err);
    if (st == INTERF_OK)
        st = read_header(path, nm, *out, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, root, "ntc_id", 0, (*out)->ntc_id, sizeof (*out)->ntc_id,
                                err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, root, "sat_name", 0, (*out)->sat_name,
                                sizeof (*out)->sat_name, err);
    size_t k = 0;
    for (xmlNodePtr na = exam_xml_child(nm, NULL); st == INTERF_OK && na;
         na = exam_xml_child(nm, na)) {
        st = exam_xml_expect(path, na, "by_a", "pfd_mask", err);
        if (st == INTERF_OK)
            st = read_by_a(path, na, *out, &(*out)->tables[k++], err);
    }
    if (st == INTERF_OK)
        st = exam_mask_sort(*out, path, err);
    return st;
}

enum interf_status interf_pfd_mask_read_xml(const char *path, struct interf_pfd_mask **out,
                                            struct interf_error *err)
{
    struct _xmlDoc *doc;
    *out = NULL;
    enum interf_status st = exam_xml_load(path, &doc, err);
    if (st != INTERF_OK)
        return st;
    st = read_mask(path, exam_xml_root(doc), out, err);
    exam_xml_free(doc);
    if (st != INTERF_OK) {
        interf_pfd_mask_destroy(*out);
        *out = NULL;
    }
    return st;
}
