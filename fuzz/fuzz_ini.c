/* SPDX-License-Identifier: MIT */
/* Fuzz target: the INI reader behind system files (libinterf/ini.c), from memory. Checks what
 * system.c relies on: every section's entries lie inside the entry array, keys are non-empty
 * and trimmed, lines grow, interf_ini_find finds each key, and errors are one line naming the
 * source. */
#include "fuzz.h"
#include "ini.h"

#include <string.h>

static int trimmed(const char *s)
{
    size_t n = strlen(s);
    return n == 0 || (strchr(" \t\r\v\f", s[0]) == NULL && strchr(" \t\r\v\f", s[n - 1]) == NULL);
}

static void check_ini(const struct interf_ini *ini)
{
    size_t total = 0;
    int last_line = 0;
    for (size_t i = 0; i < ini->n_sections; i++) {
        const struct interf_ini_section *s = &ini->sections[i];
        char label[160];
        fuzz_check(s->kind[0] != '\0' && trimmed(s->kind) && trimmed(s->name));
        fuzz_check(s->line > last_line);
        fuzz_check(s->entries >= ini->entries &&
                   s->entries + s->n_entries <= ini->entries + ini->n_entries);
        fuzz_check(interf_ini_label(s, label, sizeof label)[0] == '[');
        last_line = s->line;
        for (size_t k = 0; k < s->n_entries; k++) {
            const struct interf_ini_entry *e = &s->entries[k];
            fuzz_check(e->key[0] != '\0' && trimmed(e->key) && trimmed(e->value));
            fuzz_check(strchr(e->key, '\n') == NULL && strchr(e->value, '\n') == NULL);
            fuzz_check(e->line > last_line);
            fuzz_check(interf_ini_find(s, e->key) == e);
            last_line = e->line;
        }
        total += s->n_entries;
    }
    fuzz_check(total == ini->n_entries);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct interf_ini ini;
    struct interf_error err = {0, ""};
    if (interf_ini_parse("fuzz.ini", (const char *)data, size, &ini, &err) == INTERF_OK) {
        check_ini(&ini);
        interf_ini_free(&ini);
    } else {
        fuzz_check(fuzz_msg_ok(err.msg, "fuzz.ini"));
        fuzz_check(ini.text == NULL && ini.sections == NULL && ini.entries == NULL);
    }
    return 0;
}
