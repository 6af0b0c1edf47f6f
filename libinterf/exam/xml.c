/* SPDX-License-Identifier: MIT */
/* The XML of Rec. ITU-R S.1503-4 (09/2023) §B3.3 and §C4 read through libxml2: loading without
 * network or entities, and attribute and text values checked with their line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "exam_impl.h"

#define XML_MAX_BYTES (256u << 20)

/* The whole file in memory (so that NUL bytes and the size are checked first) */
static enum interf_status slurp(const char *path, char **out, size_t *n, struct interf_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    enum interf_status st = INTERF_OK;
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
        if (len == cap) {
            char *p = cap < XML_MAX_BYTES ? realloc(buf, cap * 2) : NULL;
            if (!p) {
                st = interf_error_set(err, INTERF_EINPUT, "%s: larger than %u bytes", path,
                                      XML_MAX_BYTES);
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    if (!buf && st == INTERF_OK)
        st = interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    if (st == INTERF_OK && ferror(f))
        st = interf_error_set(err, INTERF_EIO, "%s: %s", path, strerror(errno));
    if (st == INTERF_OK && memchr(buf, '\0', len)) {
        long line = 1;
        for (const char *p = buf; *p; p++)
            line += *p == '\n';
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: xml: a NUL byte", path, line);
    }
    fclose(f);
    if (st != INTERF_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    *n = len;
    return INTERF_OK;
}

/* The first error of a parse (libxml2 goes on after it and keeps only the last one) */
struct first_error {
    int line, set;
    char msg[256];
};

static void keep_first(void *data, xmlErrorPtr e)
{
    struct first_error *fe = ((xmlParserCtxtPtr)data)->_private;
    if (fe->set || !e || e->level < XML_ERR_ERROR)
        return;
    fe->set = 1;
    fe->line = e->line;
    snprintf(fe->msg, sizeof fe->msg, "%s", e->message ? e->message : "not well-formed");
    fe->msg[strcspn(fe->msg, "\n")] = '\0';
}

enum interf_status exam_xml_load(const char *path, struct _xmlDoc **doc,
                                 struct interf_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    *doc = NULL;
    enum interf_status st = slurp(path, &buf, &len, err);
    if (st != INTERF_OK)
        return st;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        free(buf);
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    }
    /* errors go to keep_first through the context's own handler, never to stderr */
    struct first_error fe = {1, 0, "not well-formed"};
    ctxt->_private = &fe;
    ctxt->sax->serror = keep_first;
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    *doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL, opts);
    if (*doc && fe.set) { /* a recoverable error: still not a file to use */
        xmlFreeDoc(*doc);
        *doc = NULL;
    }
    if (!*doc)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%d: xml: %s", path, fe.line, fe.msg);
    xmlFreeParserCtxt(ctxt);
    free(buf);
    return st;
}

void exam_xml_free(struct _xmlDoc *doc)
{
    if (doc)
        xmlFreeDoc(doc);
}

struct _xmlNode *exam_xml_root(struct _xmlDoc *doc)
{
    return xmlDocGetRootElement(doc);
}

struct _xmlNode *exam_xml_child(struct _xmlNode *parent, struct _xmlNode *prev)
{
    for (xmlNodePtr c = prev ? prev->next : parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

long exam_xml_line(const struct _xmlNode *n)
{
    return xmlGetLineNo(n);
}

int exam_xml_is(const struct _xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

enum interf_status exam_xml_expect(const char *path, const struct _xmlNode *n, const char *name,
                                   const char *parent, struct interf_error *err)
{
    if (exam_xml_is(n, name))
        return INTERF_OK;
    return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: unexpected element <%s> (<%s> "
                            "expected)", path, exam_xml_line(n), parent, (const char *)n->name,
                            name);
}

enum interf_status exam_xml_attrs_known(const char *path, const struct _xmlNode *n,
                                        const char *const *names, struct interf_error *err)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        size_t k = 0;
        while (names[k] && strcmp(names[k], (const char *)a->name))
            k++;
        if (!names[k])
            return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s: attribute %s: unknown",
                                    path, exam_xml_line(n), (const char *)n->name,
                                    (const char *)a->name);
    }
    return INTERF_OK;
}

/* text (trimmed) as a real in [lo, hi], the message naming elem/field */
static enum interf_status parse_in(const char *path, const struct _xmlNode *n, const char *field,
                                   const char *text, double lo, double hi, double *out,
                                   struct interf_error *err)
{
    char buf[128];
    text += strspn(text, " \t\r\n");
    size_t len = strlen(text);
    while (len > 0 && strchr(" \t\r\n", text[len - 1]))
        len--;
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    if (!interf_parse_real(buf, out))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s %s: '%s': not a number", path,
                                exam_xml_line(n), (const char *)n->name, field, buf);
    if (!(*out >= lo && *out <= hi))
        return interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s %s: %s: allowed range %g to %g",
                                path, exam_xml_line(n), (const char *)n->name, field, buf, lo,
                                hi);
    return INTERF_OK;
}

enum interf_status exam_xml_attr_real(const char *path, const struct _xmlNode *n,
                                      const char *name, int required, double def, double lo,
                                      double hi, double *out, struct interf_error *err)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) {
        *out = def;
        return required ? interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s %s: required", path,
                                           exam_xml_line(n), (const char *)n->name, name)
                        : INTERF_OK;
    }
    enum interf_status st = parse_in(path, n, name, (const char *)v, lo, hi, out, err);
    xmlFree(v);
    return st;
}

enum interf_status exam_xml_attr_text(const char *path, const struct _xmlNode *n,
                                      const char *name, int required, char *dst, size_t cap,
                                      struct interf_error *err)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    dst[0] = '\0';
    if (!v)
        return required ? interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s %s: required", path,
                                           exam_xml_line(n), (const char *)n->name, name)
                        : INTERF_OK;
    enum interf_status st = INTERF_OK;
    if (strlen((const char *)v) >= cap)
        st = interf_error_set(err, INTERF_EINPUT, "%s:%ld: %s %s: longer than %zu characters",
                              path, exam_xml_line(n), (const char *)n->name, name, cap - 1);
    else
        memcpy(dst, v, strlen((const char *)v) + 1);
    xmlFree(v);
    return st;
}

enum interf_status exam_xml_text_real(const char *path, const struct _xmlNode *n, double lo,
                                      double hi, double *out, struct interf_error *err)
{
    xmlChar *v = xmlNodeGetContent(n);
    if (!v)
        return interf_error_set(err, INTERF_ENOMEM, "%s: out of memory", path);
    enum interf_status st = parse_in(path, n, "value", (const char *)v, lo, hi, out, err);
    xmlFree(v);
    return st;
}
