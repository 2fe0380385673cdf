/* names.c: names data-schema derives from declarations. */
#include "names.h"

void ds_names_capitalized(ds_buf *b, const char *name) {
    if (!name || !*name) return;
    ds_buf_putc(b, name[0] >= 'a' && name[0] <= 'z' ? (char)(name[0] - 'a' + 'A') : name[0]);
    ds_buf_puts(b, name + 1);
}

void ds_names_index_tail(ds_buf *b, const ds_index *ix) {
    ds_buf_puts(b, "By");
    ds_names_capitalized(b, ix->field.text);
    for (size_t i = 0; i < ix->sort_keys.count; i++) {
        ds_buf_puts(b, "And");
        ds_names_capitalized(b, ix->sort_keys.items[i].text);
    }
}

void ds_names_default_query_field(ds_buf *b, const ds_decl *model, const ds_index *ix) {
    ds_buf_puts(b, "list");
    ds_names_capitalized(b, model->name.text);
    ds_names_index_tail(b, ix);
}

void ds_names_default_index_name(ds_buf *b, const ds_decl *model, const ds_index *ix) {
    const char *plural = model->plural;
    if (plural && plural[0]) {  /* decapitalized */
        ds_buf_putc(b, plural[0] >= 'A' && plural[0] <= 'Z' ? (char)(plural[0] - 'A' + 'a') : plural[0]);
        ds_buf_puts(b, plural + 1);
    }
    ds_names_index_tail(b, ix);
}
