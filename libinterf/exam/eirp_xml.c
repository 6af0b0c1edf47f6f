/* SPDX-License-Identifier: MIT */
/* The XML e.i.r.p. masks of Rec. ITU-R S.1503-4 (09/2023) §C4.3 (Table 6, the earth station's,
 * formats "T" and "A") and §C4.4 (Table 7, the space station's toward the GSO arc), read with
 * the pfd masks' XML helpers (libxml2). */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "exam_impl.h"

struct xml_points {
    const char *path;
    struct exam_eirp_point *p;
    size_t n, cap;
};

static enum interf_status add_point(struct xml_points *xp, struct exam_eirp_point q,
                                    struct interf_error *err)
{
    if (xp->n == xp->cap) {
        size_t cap = xp->cap ? 2 * xp->cap : 64;
        struct exam_eirp_point *p = cap < (1u << 24) ? realloc(xp->p, cap * sizeof *p) : NULL;
        if (!p)
            return interf_error_set(err, INTERF_ENOMEM, "%s:%ld: too many points", xp->path,
                                    q.line);
        xp->p = p;
        xp->cap = cap;
    }
    xp->p[xp->n++] = q;
    return INTERF_OK;
}

/* The header of Table 6 or 7 into hdr; *form from the element and its format */
static enum interf_status read_header(const char *path, xmlNodePtr n, struct interf_eirp_mask *hdr,
                                      enum interf_eirp_form *form, struct interf_error *err)
{
    static const char *const es_attrs[] = {"mask_id", "low_freq_mhz", "high_freq_mhz",
                                           "refbw_khz", "format", "a_name", "b_name", "ES_ID",
                                           "c_name", "d_name", "e_name", NULL};
    static const char *const ss_attrs[] = {"mask_id", "low_freq_mhz", "high_freq_mhz",
                                           "refbw_khz", "a_name", "b_name", NULL};
    int es = exam_xml_is(n, "eirp_mask_es");
    char fmt[8] = "", a[32];
    double id, es_id = -1;
    enum interf_status st = exam_xml_attrs_known(path, n, es ? es_attrs : ss_attrs, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "mask_id", 1, 0, 0, 2147483647, &id, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "low_freq_mhz", 1, 0, 0, 1e7, &hdr->low_freq_mhz, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "high_freq_mhz", 1, 0, 0, 1e7, &hdr->high_freq_mhz,
                                err);
    if (st == INTERF_OK) /* §C4.1: 40 kHz when the mask gives no bandwidth */
        st = exam_xml_attr_real(path, n, "refbw_khz", 0, 40, 1e-3, 1e7, &hdr->refbw_khz, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, n, "a_name", 0, a, sizeof a, err);
    if (st == INTERF_OK && es)
        st = exam_xml_attr_text(path, n, "format", 1, fmt, sizeof fmt, err);
    if (st == INTERF_OK && es)
        st = exam_xml_attr_real(path, n, "ES_ID", 0, -1, -1, 2147483647, &es_id, err);
    if (st != INTERF_OK)
        return st;
    if (a[0] && strcmp(a, "latitude"))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s a_name: '%s': must be "
                                "latitude", path, exam_xml_line(n), (const char *)n->name, a);
    if (es && strcmp(fmt, "T") && strcmp(fmt, "A"))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: eirp_mask_es format: '%s': "
                                "allowed: T, A", path, exam_xml_line(n), fmt);
    if (id != (long)id || es_id != (long)es_id)
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s mask_id, ES_ID: must be "
                                "integers", path, exam_xml_line(n), (const char *)n->name);
    hdr->mask_id = (long)id;
    hdr->es_id = (long)es_id;
    *form = !es ? INTERF_EIRP_SS_OFFAXIS : fmt[0] == 'A' ? INTERF_EIRP_ES_AZEL
                                                         : INTERF_EIRP_ES_OFFAXIS;
    return INTERF_OK;
}

/* <eirp ATTR=X>V</eirp> children of parent into points at (lat, az, el) */
static enum interf_status read_eirps(struct xml_points *xp, xmlNodePtr parent, const char *attr,
                                     double lat, double az, double el, double xlo, double xhi,
                                     struct interf_error *err)
{
    const char *const attrs[] = {attr, NULL};
    enum interf_status st = INTERF_OK;
    size_t before = xp->n;
    for (xmlNodePtr ne = exam_xml_child(parent, NULL); st == INTERF_OK && ne;
         ne = exam_xml_child(parent, ne)) {
        struct exam_eirp_point q = {lat, az, el, 0, 0, exam_xml_line(ne)};
        st = exam_xml_expect(xp->path, ne, "eirp", (const char *)parent->name, err);
        if (st == INTERF_OK)
            st = exam_xml_attrs_known(xp->path, ne, attrs, err);
        if (st == INTERF_OK)
            st = exam_xml_attr_real(xp->path, ne, attr, 1, 0, xlo, xhi, &q.x, err);
        if (st == INTERF_OK)
            st = exam_xml_text_real(xp->path, ne, INTERF_MASK_OFF_DB, 200, &q.v, err);
        if (st == INTERF_OK)
            st = add_point(xp, q, err);
    }
    if (st == INTERF_OK && xp->n == before)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: no <eirp> value", xp->path,
                              exam_xml_line(parent), (const char *)parent->name);
    return st;
}

/* One attribute-keyed level <NAME ATTR=V> of the "A" tree: its value in [lo, hi] */
static enum interf_status level(const char *path, xmlNodePtr n, const char *name,
                                const char *attr, const char *parent, double lo, double hi,
                                double *v, struct interf_error *err)
{
    const char *const attrs[] = {attr, NULL};
    enum interf_status st = exam_xml_expect(path, n, name, parent, err);
    if (st == INTERF_OK)
        st = exam_xml_attrs_known(path, n, attrs, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, attr, 1, 0, lo, hi, v, err);
    return st;
}

static enum interf_status read_by_a(struct xml_points *xp, xmlNodePtr na,
                                    enum interf_eirp_form form, struct interf_error *err)
{
    double lat;
    enum interf_status st = level(xp->path, na, "by_a", "a", "mask", -90, 90, &lat, err);
    for (size_t k = 0; st == INTERF_OK && k < xp->n; k++)
        if (xp->p[k].lat == lat)
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: by_a a: %g: a second table at "
                                  "this latitude", xp->path, exam_xml_line(na), lat);
    if (st != INTERF_OK || form != INTERF_EIRP_ES_AZEL)
        return st == INTERF_OK ? read_eirps(xp, na, "b", lat, 0, 0, 0, 180, err) : st;
    for (xmlNodePtr nc = exam_xml_child(na, NULL); st == INTERF_OK && nc;
         nc = exam_xml_child(na, nc)) {
        double az;
        st = level(xp->path, nc, "by_c", "c", "by_a", -180, 360, &az, err);
        for (xmlNodePtr nd = st == INTERF_OK ? exam_xml_child(nc, NULL) : NULL;
             st == INTERF_OK && nd; nd = exam_xml_child(nc, nd)) {
            double el;
            st = level(xp->path, nd, "by_d", "d", "by_c", 0, 90, &el, err);
            if (st == INTERF_OK)
                st = read_eirps(xp, nd, "e", lat, az, el, -180, 180, err);
        }
    }
    return st;
}

static enum interf_status read_mask(const char *path, xmlNodePtr root,
                                    struct interf_eirp_mask **out, struct interf_error *err)
{
    static const char *const sys_attrs[] = {"ntc_id", "sat_name", NULL};
    struct interf_eirp_mask hdr = {0};
    enum interf_eirp_form form = INTERF_EIRP_ES_OFFAXIS;
    enum interf_status st = exam_xml_expect(path, root, "satellite_system", "file", err);
    if (st == INTERF_OK)
        st = exam_xml_attrs_known(path, root, sys_attrs, err);
    xmlNodePtr nm = st == INTERF_OK ? exam_xml_child(root, NULL) : NULL;
    if (st == INTERF_OK && !(exam_xml_is(nm, "eirp_mask_es") || exam_xml_is(nm, "eirp_mask_ss")))
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: satellite_system: no <eirp_mask_es> "
                              "or <eirp_mask_ss>", path, nm ? exam_xml_line(nm)
                                                          : exam_xml_line(root));
    if (st == INTERF_OK && exam_xml_child(root, nm))
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: satellite_system: a second mask "
                              "(S.1503-4 §C4.1: one mask per file)", path,
                              exam_xml_line(exam_xml_child(root, nm)));
    if (st == INTERF_OK)
        st = read_header(path, nm, &hdr, &form, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, root, "ntc_id", 0, hdr.ntc_id, sizeof hdr.ntc_id, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_text(path, root, "sat_name", 0, hdr.sat_name, sizeof hdr.sat_name,
                                err);
    struct xml_points xp = {path, NULL, 0, 0};
    for (xmlNodePtr na = st == INTERF_OK ? exam_xml_child(nm, NULL) : NULL;
         st == INTERF_OK && na; na = exam_xml_child(nm, na))
        st = read_by_a(&xp, na, form, err);
    if (st == INTERF_OK && xp.n == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: no <by_a> table", path,
                              exam_xml_line(nm), (const char *)nm->name);
    if (st == INTERF_OK)
        st = exam_eirp_build(&hdr, form, xp.p, xp.n, path, form == INTERF_EIRP_ES_AZEL ? "e"
                                                                                      : "b",
                             out, err);
    free(xp.p);
    return st;
}

enum interf_status interf_eirp_mask_read_xml(const char *path, struct interf_eirp_mask **out,
                                             struct interf_error *err)
{
    struct _xmlDoc *doc;
    *out = NULL;
    enum interf_status st = exam_xml_load(path, &doc, err);
    if (st != INTERF_OK)
        return st;
    st = read_mask(path, exam_xml_root(doc), out, err);
    exam_xml_free(doc);
    return st;
}
