/* SPDX-License-Identifier: MIT */
/* The operating-parameters XML of Rec. ITU-R S.1503-4 (09/2023) §B3.3: one
 * <non_gso_operating_parameters> in a <satellite_system>, as the Bureau's files hold it. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "exam_impl.h"

static enum interf_status read_header(const char *path, xmlNodePtr n, struct interf_op_params *p,
                                      struct interf_error *err)
{
    static const char *const attrs[] = {
        "param_id", "low_freq_mhz", "high_freq_mhz", "a_name", "b_name", "c_name", "es_density",
        "es_distance", "es_lat_min", "es_lat_max", "min_angle_at_sat", "min_angle_at_es",
        "max_co_freq_sat", NULL};
    double id, sat;
    enum interf_status st = exam_xml_attrs_known(path, n, attrs, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "param_id", 1, 0, 0, 2147483647, &id, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "low_freq_mhz", 1, 0, 0, 1e7, &p->low_freq_mhz, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "high_freq_mhz", 1, 0, 0, 1e7, &p->high_freq_mhz, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "es_density", 0, 0, 1e-30, 1e9, &p->es_density_km2,
                                err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "es_distance", 0, 0, 0, 40000, &p->es_distance_km, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "es_lat_min", 0, -90, -90, 90, &p->es_lat_min_deg, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "es_lat_max", 0, 90, -90, 90, &p->es_lat_max_deg, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "min_angle_at_sat", 0, 0, 0, 90,
                                &p->min_angle_at_sat_deg, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "min_angle_at_es", 0, 0, 0, 90,
                                &p->min_angle_at_es_deg, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "max_co_freq_sat", 0, -1, 0, 9999, &sat, err);
    p->param_id = (long)id;
    p->max_co_freq_sat = (long)sat;
    return st;
}

/* <NAME a=LAT>VALUE</NAME> into ps */
static enum interf_status read_lat_value(const char *path, xmlNodePtr n, double lo, double hi,
                                         struct exam_points *ps, struct interf_error *err)
{
    static const char *const attrs[] = {"a", NULL};
    double lat, v;
    enum interf_status st = exam_xml_attrs_known(path, n, attrs, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "a", 1, 0, -90, 90, &lat, err);
    if (st == INTERF_OK)
        st = exam_xml_text_real(path, n, lo, hi, &v, err);
    if (st == INTERF_OK && !exam_points_add(ps, lat, 0, v, exam_xml_line(n)))
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    return st;
}

/* <min_exclude c=ORB> of <exclusion_zone_angle a=LAT> into p->exclude */
static enum interf_status read_exclude(const char *path, xmlNodePtr n, struct interf_op_params *p,
                                       struct interf_error *err)
{
    static const char *const attrs[] = {"c", NULL};
    double orb;
    struct exam_points ps = {0};
    enum interf_status st = exam_xml_attrs_known(path, n, attrs, err);
    if (st == INTERF_OK) /* §B3.3: orb_id 1..9999, 0 = every plane */
        st = exam_xml_attr_real(path, n, "c", 1, 0, 0, 9999, &orb, err);
    for (size_t k = 0; st == INTERF_OK && k < p->n_exclude; k++)
        if (p->exclude[k].orb_id == (long)orb)
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: min_exclude c: %g: a second "
                                  "table for this plane", path, exam_xml_line(n), orb);
    for (xmlNodePtr c = exam_xml_child(n, NULL); st == INTERF_OK && c; c = exam_xml_child(n, c)) {
        st = exam_xml_expect(path, c, "exclusion_zone_angle", "min_exclude", err);
        if (st == INTERF_OK)
            st = read_lat_value(path, c, 0, 180, &ps, err);
    }
    struct interf_min_exclude *e = NULL;
    if (st == INTERF_OK) {
        e = realloc(p->exclude, (p->n_exclude + 1) * sizeof *e);
        if (!e)
            st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
        else
            p->exclude = e;
    }
    if (st != INTERF_OK) {
        free(ps.p);
        return st;
    }
    e = &p->exclude[p->n_exclude];
    e->orb_id = (long)orb;
    st = exam_points_to_lat(&ps, &e->alpha0_deg, path, "min_exclude", err);
    if (st == INTERF_OK && e->alpha0_deg.n == 0)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: min_exclude: no exclusion_zone_angle",
                              path, exam_xml_line(n));
    p->n_exclude++;
    return st;
}

/* <min_elev a=LAT> of <elev_angle b=AZ> into ps */
static enum interf_status read_elev(const char *path, xmlNodePtr n, struct exam_points *ps,
                                    struct interf_error *err)
{
    static const char *const a_attrs[] = {"a", NULL}, *const b_attrs[] = {"b", NULL};
    double lat;
    enum interf_status st = exam_xml_attrs_known(path, n, a_attrs, err);
    if (st == INTERF_OK)
        st = exam_xml_attr_real(path, n, "a", 1, 0, -90, 90, &lat, err);
    for (xmlNodePtr c = exam_xml_child(n, NULL); st == INTERF_OK && c; c = exam_xml_child(n, c)) {
        double az, v;
        st = exam_xml_expect(path, c, "elev_angle", "min_elev", err);
        if (st == INTERF_OK)
            st = exam_xml_attrs_known(path, c, b_attrs, err);
        if (st == INTERF_OK) /* §B3.3: azimuth 0..360 */
            st = exam_xml_attr_real(path, c, "b", 1, 0, 0, 360, &az, err);
        if (st == INTERF_OK)
            st = exam_xml_text_real(path, c, 0, 90, &v, err);
        if (st == INTERF_OK && !exam_points_add(ps, lat, az, v, exam_xml_line(c)))
            st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    }
    return st;
}

static enum interf_status read_params(const char *path, xmlNodePtr root,
                                      struct interf_op_params *p, struct interf_error *err)
{
    static const char *const sys_attrs[] = {"ntc_id", "sat_name", NULL};
    struct exam_points co = {0}, dur = {0}, elev = {0};
    enum interf_status st = exam_xml_expect(path, root, "satellite_system", "file", err);
    if (st == INTERF_OK)
        st = exam_xml_attrs_known(path, root, sys_attrs, err);
    xmlNodePtr n = st == INTERF_OK ? exam_xml_child(root, NULL) : NULL;
    if (st == INTERF_OK && !n)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: satellite_system: no "
                              "<non_gso_operating_parameters>", path, exam_xml_line(root));
    if (st == INTERF_OK)
        st = exam_xml_expect(path, n, "non_gso_operating_parameters", "satellite_system", err);
    if (st == INTERF_OK && exam_xml_child(root, n))
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: satellite_system: a second parameter "
                              "set (one per file)", path, exam_xml_line(exam_xml_child(root, n)));
    if (st == INTERF_OK)
        st = read_header(path, n, p, err);
    for (xmlNodePtr c = st == INTERF_OK ? exam_xml_child(n, NULL) : NULL; st == INTERF_OK && c;
         c = exam_xml_child(n, c)) {
        if (exam_xml_is(c, "min_exclude"))
            st = read_exclude(path, c, p, err);
        else if (exam_xml_is(c, "max_co_freq"))
            st = read_lat_value(path, c, 0, 9999, &co, err);
        else if (exam_xml_is(c, "min_duration"))
            st = read_lat_value(path, c, 0, 99999, &dur, err);
        else if (exam_xml_is(c, "min_elev"))
            st = read_elev(path, c, &elev, err);
        else
            st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: non_gso_operating_parameters: "
                                  "unexpected element <%s>", path, exam_xml_line(c),
                                  (const char *)c->name);
    }
    if (st == INTERF_OK)
        st = exam_points_to_lat(&co, &p->max_co_freq, path, "max_co_freq", err);
    if (st == INTERF_OK)
        st = exam_points_to_lat(&dur, &p->min_duration_s, path, "min_duration", err);
    if (st == INTERF_OK)
        st = exam_points_to_elev(&elev, &p->min_elev, path, "min_elev", err);
    for (size_t k = 0; st == INTERF_OK && k < p->max_co_freq.n; k++)
        if (p->max_co_freq.value[k] != (long)p->max_co_freq.value[k])
            st = interf_error_set(err, INTERF_EINPUT, "%s: max_co_freq: %g: must be an integer",
                                  path, p->max_co_freq.value[k]);
    free(co.p);
    free(dur.p);
    free(elev.p);
    return st;
}

enum interf_status interf_op_params_read_xml(const char *path, struct interf_op_params *out,
                                             struct interf_error *err)
{
    struct _xmlDoc *doc;
    memset(out, 0, sizeof *out);
    enum interf_status st = exam_xml_load(path, &doc, err);
    if (st != INTERF_OK)
        return st;
    st = read_params(path, exam_xml_root(doc), out, err);
    exam_xml_free(doc);
    if (st == INTERF_OK) {
        st = interf_op_params_check(out, err);
        if (st != INTERF_OK) { /* located at the file: the message names the field */
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
            interf_error_set(err, st, "%s: %s", path, msg);
        }
    }
    if (st != INTERF_OK)
        interf_op_params_release(out);
    return st;
}
