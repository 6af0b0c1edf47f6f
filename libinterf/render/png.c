/* SPDX-License-Identifier: MIT */
/* interf render: images and PNG output. libpng's full API (its simplified API cannot write
 * text chunks) reports errors by longjmp: the one setjmp of the project is in
 * interf_png_write, which turns it into INTERF_EIO with libpng's message. */
#include "render_impl.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#define PNG_TEXT_MAX 32

void interf_image_destroy(struct interf_image *img)
{
    if (img)
        free(img->rgba);
    free(img);
}

enum interf_status render_image_from_surface(cairo_surface_t *s, struct interf_image **out,
                                             struct interf_error *err)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    struct interf_image *img = malloc(sizeof *img);
    uint8_t *rgba = malloc((size_t)w * (size_t)h * 4);
    if (!img || !rgba) {
        free(img);
        free(rgba);
        return interf_error_set(err, INTERF_ENOMEM, "image of %d x %d pixels: out of memory", w,
                                h);
    }
    cairo_surface_flush(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    /* cairo's ARGB32 is a native-endian 32-bit word with premultiplied alpha. */
    for (int j = 0; j < h; j++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)j * stride);
        uint8_t *o = rgba + (size_t)j * w * 4;
        for (int i = 0; i < w; i++, o += 4) {
            uint32_t p = row[i], a = p >> 24;
            uint32_t c[3] = {p >> 16 & 255, p >> 8 & 255, p & 255};
            for (int k = 0; k < 3; k++)
                o[k] = (uint8_t)(a ? (c[k] * 255 + a / 2) / a : 0);
            o[3] = (uint8_t)a;
        }
    }
    img->width_px = w;
    img->height_px = h;
    img->rgba = rgba;
    *out = img;
    return INTERF_OK;
}

/* libpng's error message, kept for the caller (libpng must not print). */
struct png_msg {
    char text[200];
};

static void on_error(png_structp png, png_const_charp msg)
{
    struct png_msg *m = png_get_error_ptr(png);
    snprintf(m->text, sizeof m->text, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static enum interf_status check_args(FILE *fp, const struct interf_image *img,
                                     const struct interf_png_text *text, size_t n_text,
                                     struct interf_error *err)
{
    if (!fp || !img || !img->rgba || (n_text && !text))
        return interf_error_set(err, INTERF_EINVAL, "interf_png_write: NULL argument");
    if (img->width_px < 1 || img->height_px < 1 || img->width_px > 1000000 ||
        img->height_px > 1000000)
        return interf_error_set(err, INTERF_EINVAL, "PNG: %d x %d pixels: bad size",
                                img->width_px, img->height_px);
    if (n_text > PNG_TEXT_MAX)
        return interf_error_set(err, INTERF_EINVAL, "PNG: more than %d text chunks",
                                PNG_TEXT_MAX);
    for (size_t k = 0; k < n_text; k++)
        if (!text[k].key || !text[k].text || strlen(text[k].key) < 1 ||
            strlen(text[k].key) > 79)
            return interf_error_set(err, INTERF_EINVAL, "PNG: text chunk %zu: bad keyword", k);
    return INTERF_OK;
}

enum interf_status interf_png_write(FILE *fp, const struct interf_image *img,
                                    const struct interf_png_text *text, size_t n_text,
                                    struct interf_error *err)
{
    enum interf_status st = check_args(fp, img, text, n_text, err);
    if (st != INTERF_OK)
        return st;
    struct png_msg msg = {"unknown libpng error"};
    png_text chunks[PNG_TEXT_MAX];
    png_bytep *rows = malloc((size_t)img->height_px * sizeof *rows);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &msg, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!rows || !png || !info) {
        st = interf_error_set(err, INTERF_ENOMEM, "PNG: out of memory");
        goto done;
    }
    memset(chunks, 0, sizeof chunks);
    for (size_t k = 0; k < n_text; k++) {
        /* Uncompressed iTXt: UTF-8 text ("Title" may hold "m²" or "↓"), no language tag. */
        chunks[k].compression = PNG_ITXT_COMPRESSION_NONE;
        chunks[k].key = (png_charp)(uintptr_t)text[k].key;
        chunks[k].text = (png_charp)(uintptr_t)text[k].text;
        chunks[k].itxt_length = strlen(text[k].text);
    }
    for (int j = 0; j < img->height_px; j++)
        rows[j] = img->rgba + (size_t)j * (size_t)img->width_px * 4;
    if (setjmp(png_jmpbuf(png))) {
        /* Nothing set after setjmp is read here but err, which is not a local. */
        interf_error_set(err, INTERF_EIO, "PNG: %s", msg.text);
        png_destroy_write_struct(&png, &info);
        free(rows);
        return INTERF_EIO;
    }
    png_init_io(png, fp);
    png_set_IHDR(png, info, (png_uint_32)img->width_px, (png_uint_32)img->height_px, 8,
                 PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (n_text)
        png_set_text(png, info, chunks, (int)n_text);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, info);
    errno = 0;
    if (fflush(fp) != 0 || ferror(fp))
        st = interf_error_set(err, INTERF_EIO, "PNG: write error: %s",
                              strerror(errno ? errno : EIO));
done:
    png_destroy_write_struct(&png, &info);
    free(rows);
    return st;
}

enum interf_status interf_png_write_provenance(FILE *fp, const struct interf_image *img,
                                               const struct interf_provenance *prov,
                                               struct interf_error *err)
{
    static const char *const reg[][2] = {{"title", "Title"},     {"tool", "Software"},
                                         {"source", "Source"},   {"command", "Comment"},
                                         {"description", "Description"}};
    struct interf_png_text text[PNG_TEXT_MAX];
    size_t n = 0;
    for (size_t k = 0; k < prov->n && n < PNG_TEXT_MAX; k++) {
        const char *key = prov->item[k].key;
        for (size_t r = 0; r < sizeof reg / sizeof reg[0]; r++)
            if (strcmp(key, reg[r][0]) == 0)
                key = reg[r][1];
        text[n++] = (struct interf_png_text){key, prov->item[k].value};
    }
    return interf_png_write(fp, img, text, n, err);
}
