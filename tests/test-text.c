/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gloss-text.h"

static char *
normalize_ok (const char      *data,
              gboolean         keep_text,
              GlossNormalized *changed)
{
  g_autoptr(GError) error = NULL;
  char *text = gloss_text_normalize (data, strlen (data), keep_text, changed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  return text;
}

static void
assert_normalize_error (const char *data,
                        gsize       length,
                        int         code,
                        const char *fragment)
{
  g_autoptr(GError) error = NULL;
  GlossNormalized changed = GLOSS_NORMALIZED_CRLF;
  g_autofree char *text = gloss_text_normalize (data, length, FALSE, &changed, &error);

  g_assert_null (text);
  g_assert_error (error, GLOSS_TEXT_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_cmpint (changed, ==, GLOSS_NORMALIZED_NONE);

  /* --keep-text still refuses what is not text. */
  g_clear_error (&error);
  g_assert_null (gloss_text_normalize (data, length, TRUE, NULL, &error));
  g_assert_error (error, GLOSS_TEXT_ERROR, code);
}

static void
test_normalize_bom (void)
{
  GlossNormalized changed;
  g_autofree char *text = normalize_ok ("\xef\xbb\xbfHello\n", FALSE, &changed);

  g_assert_cmpstr (text, ==, "Hello\n");
  g_assert_cmpint (changed, ==, GLOSS_NORMALIZED_BOM);
}

static void
test_normalize_newlines (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "a\r\nb\r\n", "a\nb\n" },
    { "a\rb\r", "a\nb\n" },
    { "a\r\rb", "a\n\nb" },
    { "a\r\r\nb\n", "a\n\nb\n" },
    { "\r\nfirst", "\nfirst" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GlossNormalized changed;
      g_autofree char *text = normalize_ok (cases[i].in, FALSE, &changed);

      g_assert_cmpstr (text, ==, cases[i].out);
      g_assert_cmpint (changed, ==, GLOSS_NORMALIZED_CRLF);
    }
}

static void
test_normalize_nfc (void)
{
  GlossNormalized changed;
  g_autofree char *text = normalize_ok ("Caf" "e\xcc\x81 au lait\n", FALSE, &changed);

  g_assert_cmpstr (text, ==, "Café au lait\n");
  g_assert_cmpint (changed, ==, GLOSS_NORMALIZED_NFC);
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, 13);
}

static void
test_normalize_unchanged (void)
{
  /* ASCII, precomposed Latin, Cyrillic, CJK, Arabic, emoji, and a combining
   * mark that has no precomposed form (NFC already, though not "quick"). */
  const char *texts[] = {
    "Plain ASCII text.\n",
    "Café, naïve, Ærøskøbing\n",
    "«Привет», — сказал он.\n",
    "中国外交部发言人表示。\n",
    "قال الرئيس إن المحادثات\n",
    "Thumbs 👍🏽 and 😀\n",
    "x\xcc\x81 q\xcc\xa3\xcc\x81\n",
    "한국어 텍스트\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GlossNormalized changed = GLOSS_NORMALIZED_BOM;
      g_autofree char *text = normalize_ok (texts[i], FALSE, &changed);

      g_assert_cmpstr (text, ==, texts[i]);
      g_assert_cmpint (changed, ==, GLOSS_NORMALIZED_NONE);
    }
}

static void
test_normalize_nfc_reorder (void)
{
  GlossNormalized changed;
  /* q + acute (230) + dot below (220): NFC puts the dot below first. */
  g_autofree char *text = normalize_ok ("q\xcc\x81\xcc\xa3", FALSE, &changed);

  g_assert_cmpstr (text, ==, "q\xcc\xa3\xcc\x81");
  g_assert_cmpint (changed, ==, GLOSS_NORMALIZED_NFC);
}

static void
test_normalize_nfc_like_glib (void)
{
  const char *texts[] = {
    "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\xea\xb5\xad",  /* Hangul jamo */
    "Vie\xcc\xa3\xcc\x82t Nam, Ti" "e\xcc\x82\xcc\x81ng Vie\xcc\x82\xcc\xa3t",
    "\xe2\x84\xab \xe2\x84\xa6 \xef\xac\x81",  /* singletons change, a ligature does not */
    "\xe0\xa4\x95\xe0\xa4\xbc \xf0\x9d\x85\x97\xf0\x9d\x85\xa5",
    "A\xcc\x8a\xcc\x81 o\xcc\x88\xcc\x84 \xd7\xa9\xd7\x81\xd6\xbc",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GlossNormalized changed;
      g_autofree char *text = normalize_ok (texts[i], FALSE, &changed);
      g_autofree char *expected = g_utf8_normalize (texts[i], -1, G_NORMALIZE_NFC);

      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpint (changed, ==, strcmp (texts[i], expected) != 0 ? GLOSS_NORMALIZED_NFC
                                                                     : GLOSS_NORMALIZED_NONE);
    }
}

static void
test_normalize_keep_text (void)
{
  const char *data = "\xef\xbb\xbfTitle\r\nCafe\xcc\x81\rend";
  GlossNormalized changed = GLOSS_NORMALIZED_BOM;
  g_autofree char *text = normalize_ok (data, TRUE, &changed);

  g_assert_cmpmem (text, strlen (text), data, strlen (data));
  g_assert_cmpint (changed, ==, GLOSS_NORMALIZED_NONE);
}

static void
test_normalize_combined (void)
{
  GlossNormalized changed;
  g_autofree char *text = normalize_ok ("\xef\xbb\xbfTitle\r\nCafe\xcc\x81\rend", FALSE,
                                        &changed);
  g_auto(GStrv) names = gloss_text_normalized_to_strv (changed);
  const char *expected[] = { "bom", "crlf", "nfc", NULL };

  g_assert_cmpstr (text, ==, "Title\nCafé\nend");
  g_assert_cmpint (changed, ==,
                   GLOSS_NORMALIZED_BOM | GLOSS_NORMALIZED_CRLF | GLOSS_NORMALIZED_NFC);
  g_assert_cmpstrv (names, expected);
}

static void
test_normalized_to_strv (void)
{
  g_auto(GStrv) none = gloss_text_normalized_to_strv (GLOSS_NORMALIZED_NONE);
  g_auto(GStrv) crlf_nfc = gloss_text_normalized_to_strv (GLOSS_NORMALIZED_NFC |
                                                         GLOSS_NORMALIZED_CRLF);
  const char *expected[] = { "crlf", "nfc", NULL };

  g_assert_nonnull (none);
  g_assert_null (none[0]);
  g_assert_cmpstrv (crlf_nfc, expected);
}

static void
test_normalize_not_nul_terminated (void)
{
  const char data[] = { 'a', '\r', '\n', 'b', 'X', 'Y' };
  g_autoptr(GError) error = NULL;
  GlossNormalized changed;
  g_autofree char *text = gloss_text_normalize (data, 4, FALSE, &changed, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "a\nb");
}

static void
test_error_invalid_utf8 (void)
{
  assert_normalize_error ("Hello, \xff world", 14, GLOSS_TEXT_ERROR_INVALID_UTF8, "offset 7");
  assert_normalize_error ("Caf\xe9 cr\xe8me", 10, GLOSS_TEXT_ERROR_INVALID_UTF8, "offset 3");
  /* A UTF-16 surrogate encoded in UTF-8 is not UTF-8. */
  assert_normalize_error ("ab\xed\xa0\x80", 5, GLOSS_TEXT_ERROR_INVALID_UTF8, "offset 2");
  /* A sequence cut short by the end of the file. */
  assert_normalize_error ("end \xe2\x82", 6, GLOSS_TEXT_ERROR_INVALID_UTF8, "offset 4");
  /* The offset counts the original bytes, BOM and CR included. */
  assert_normalize_error ("\xef\xbb\xbf" "a\r\nb\xc0\xaf", 9, GLOSS_TEXT_ERROR_INVALID_UTF8,
                          "offset 7");
  assert_normalize_error ("a\xff", 2, GLOSS_TEXT_ERROR_INVALID_UTF8, "--encoding");
}

static void
test_error_utf16 (void)
{
  const char data[] = "\xff\xfeH\0i\0";

  assert_normalize_error (data, sizeof data - 1, GLOSS_TEXT_ERROR_INVALID_UTF8, "UTF-16");
}

static void
test_error_empty (void)
{
  const char *blanks[] = {
    "",
    " \n\t\r\n  ",
    "\xef\xbb\xbf",
    "\xef\xbb\xbf\r\n",
    "\xc2\xa0\xe3\x80\x80\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    assert_normalize_error (blanks[i], strlen (blanks[i]), GLOSS_TEXT_ERROR_EMPTY,
                            "empty file");
}

static void
test_error_binary (void)
{
  const char nul[] = "abc\0def";
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const char gzip[] = "\x1f\x8b\x08\x00";

  assert_normalize_error (nul, sizeof nul - 1, GLOSS_TEXT_ERROR_BINARY, "NUL byte at offset 3");
  assert_normalize_error (png, sizeof png - 1, GLOSS_TEXT_ERROR_BINARY, "PNG");
  assert_normalize_error (pdf, sizeof pdf - 1, GLOSS_TEXT_ERROR_BINARY, "PDF");
  assert_normalize_error (gzip, sizeof gzip - 1, GLOSS_TEXT_ERROR_BINARY, "gzip");
  assert_normalize_error ("ok\xff", 3, GLOSS_TEXT_ERROR_INVALID_UTF8, "offset 2");
  /* A NUL byte is binary even when invalid UTF-8 comes first. */
  assert_normalize_error ("\xff\0", 2, GLOSS_TEXT_ERROR_BINARY, "offset 1");
}

static void
assert_decodes (const char *data,
                const char *encoding,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *text = gloss_text_decode (data, strlen (data), encoding, &length, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (length, ==, strlen (expected));
}

static void
test_decode (void)
{
  assert_decodes ("Caf\xe9 cr\xe8me br\xfbl\xe9", "ISO-8859-1", "Café crème brûlé");
  assert_decodes ("\xf0\xd2\xc9\xd7\xc5\xd4", "KOI8-R", "Привет");
  assert_decodes ("\x93quoted\x94 \x80 5", "windows-1252", "“quoted” € 5");
  assert_decodes ("Café", NULL, "Café");
  assert_decodes ("Café", "utf-8", "Café");
}

static void
test_decode_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = gloss_text_decode ("abc", 3, "NO-SUCH-ENCODING", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "NO-SUCH-ENCODING"));
  g_assert_nonnull (strstr (error->message, "--encoding"));
  g_clear_error (&error);

  text = gloss_text_decode ("abc", 3, "", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_ENCODING);
  g_clear_error (&error);

  /* 0x81 is not a character in windows-1252. */
  text = gloss_text_decode ("price \x81", 7, "windows-1252", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "windows-1252 at byte 6"));
  g_assert_nonnull (strstr (error->message, "--encoding"));
}

static void
test_guess_title (void)
{
  const struct { const char *text; const char *title; } cases[] = {
    { "\n\n   \n  Putin says   Russia ready \n\nBody", "Putin says Russia ready" },
    { "\xc2\xa0\xc2\xa0Title\xc2\xa0with\xc2\xa0\xc2\xa0NBSP\xc2\xa0\nbody", "Title with NBSP" },
    { "\xef\xbb\xbf\r\nWindows title\r\nbody", "Windows title" },
    { "\t«Первый» заголовок", "«Первый» заголовок" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = gloss_text_guess_title (cases[i].text);

      g_assert_cmpstr (title, ==, cases[i].title);
    }

  g_assert_null (gloss_text_guess_title (""));
  g_assert_null (gloss_text_guess_title (" \n\t\n\xc2\xa0"));
}

static void
test_guess_title_long (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) collapsed = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *exact = NULL;
  gsize kept;

  while (g_utf8_strlen (collapsed->str, -1) < 500)
    {
      g_string_append (line, "Ünïcode\xc2\xa0 words  ");
      g_string_append (collapsed, "Ünïcode words ");
    }
  g_string_append (line, "\nsecond line");

  title = gloss_text_guess_title (line->str);
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, 200);
  g_assert_cmpint (g_utf8_strlen (title, -1), >=, 190);
  g_assert_true (g_str_has_suffix (title, "…"));

  /* What is kept is whole words of the collapsed line. */
  kept = strlen (title) - strlen ("…");
  g_assert_cmpint (strncmp (title, collapsed->str, kept), ==, 0);
  g_assert_cmpint (collapsed->str[kept], ==, ' ');
  g_assert_cmpint (title[kept - 1], !=, ' ');

  /* Exactly 200 code points is not too long. */
  g_string_truncate (line, 0);
  for (guint i = 0; i < 200; i++)
    g_string_append (line, "ж");
  exact = gloss_text_guess_title (line->str);
  g_assert_cmpstr (exact, ==, line->str);
}

static void
test_guess_title_long_word (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *title = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_c (line, 'a' + i % 26);

  title = gloss_text_guess_title (line->str);
  g_assert_cmpint (g_utf8_strlen (title, -1), ==, 200);
  g_assert_true (g_str_has_suffix (title, "…"));
  g_assert_cmpint (strncmp (title, line->str, 199), ==, 0);
}

static void
test_sha256 (void)
{
  g_autofree char *empty = gloss_text_sha256 ("", -1);
  g_autofree char *abc = gloss_text_sha256 ("abcdef", 3);

  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_count_chars (void)
{
  g_assert_cmpint (gloss_text_count_chars ("", -1), ==, 0);
  g_assert_cmpint (gloss_text_count_chars ("hello", -1), ==, 5);
  g_assert_cmpint (gloss_text_count_chars ("hello", 3), ==, 3);
  g_assert_cmpint (gloss_text_count_chars ("e\xcc\x81 😀 中文 عربي", -1), ==, 12);
}

static void
assert_index_matches (const char *text)
{
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (text, -1);
  glong n_chars = g_utf8_strlen (text, -1);
  const char *p = text;

  g_assert_true (gloss_text_index_get_text (index) == text);
  g_assert_cmpint (gloss_text_index_get_length (index), ==, n_chars);
  g_assert_cmpint (gloss_text_count_chars (text, -1), ==, n_chars);

  for (glong i = 0; i < n_chars; i++, p = g_utf8_next_char (p))
    g_assert_cmpuint (gloss_text_index_to_byte (index, i), ==, p - text);

  g_assert_cmpuint (gloss_text_index_to_byte (index, n_chars), ==, strlen (text));
}

static void
test_index_scripts (void)
{
  const char *texts[] = {
    "",
    "plain ascii",
    "😀",
    "Smile 😀😀 then e\xcc\x81 and a\xcc\x8a\xcc\x81!",
    "中华人民共和国外交部发言人表示，中方愿意合作。",
    "قال الرئيس فلاديمير بوتين إن روسيا مستعدة للتعاون",
    "Mixed: «Привет» 中文 عربي 😀 👍🏽 e\xcc\x81.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_index_matches (texts[i]);
}

static void
test_index_long (void)
{
  const char *pieces[] = {
    "word ", "😀", "e\xcc\x81", "中", "عربي ", "\n", "«Привет» ", "a", "𝔘𝔫𝔦", "long ascii run ",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr(GlossTextIndex) index = NULL;
  gint n_chars;

  while (g_utf8_strlen (text->str, -1) < 12000)
    {
      /* Long ASCII stretches exercise the blocks that need no walk. */
      if (g_rand_int_range (rand, 0, 10) == 0)
        for (guint i = 0; i < 20; i++)
          g_string_append (text, "ascii ");
      g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
    }

  assert_index_matches (text->str);

  index = gloss_text_index_new (text->str, text->len);
  n_chars = gloss_text_index_get_length (index);
  g_assert_cmpint (n_chars, >=, 12000);
  for (gint i = 0; i <= n_chars; i++)
    g_assert_cmpuint (gloss_text_index_to_byte (index, i), ==,
                      g_utf8_offset_to_pointer (text->str, i) - text->str);
}

static void
test_index_lengths (void)
{
  /* Texts whose length in code points falls on and around a block edge. */
  for (guint n = 60; n <= 200; n++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append (text, i % 3 == 0 ? "ж" : "z");
      assert_index_matches (text->str);
    }
}

static void
test_index_out_of_range (void)
{
  const char *text = "a😀b";
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (text, -1);

  g_test_expect_message ("gloss-text", G_LOG_LEVEL_CRITICAL, "*offset*");
  g_assert_cmpuint (gloss_text_index_to_byte (index, 4), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("gloss-text", G_LOG_LEVEL_CRITICAL, "*offset*");
  g_assert_cmpuint (gloss_text_index_to_byte (index, -1), ==, 0);
  g_test_assert_expected_messages ();
}

static void
check_article (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *again = NULL;
  g_autofree char *title = NULL;
  GlossNormalized changed;
  gsize length;

  g_test_message ("checking %s", path);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  text = gloss_text_normalize (data, length, FALSE, &changed, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\r'));
  g_assert_false (g_str_has_prefix (text, "\xef\xbb\xbf"));

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_assert_cmpstr (text, ==, nfc);

  again = gloss_text_normalize (text, strlen (text), FALSE, &changed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, text);
  g_assert_cmpint (changed, ==, GLOSS_NORMALIZED_NONE);

  title = gloss_text_guess_title (text);
  g_assert_nonnull (title);
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, 200);

  assert_index_matches (text);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_real_articles (void)
{
  const char *shared = g_getenv ("GLOSS_SHARED_DATA");
  g_autofree char *folder = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (shared != NULL)
    folder = g_build_filename (shared, "articles", NULL);
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("$GLOSS_SHARED_DATA/articles not found; skipping real-article checks");
      return;
    }

  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_build_filename (folder, name, NULL));

  g_assert_cmpuint (names->len, >, 0);
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    check_article (g_ptr_array_index (names, i));
}

/* The inspector shows a span's text in quotation marks, once. */
static void
test_quote (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "Vladimir Putin", "“Vladimir Putin”" },
    { "“We are ready,”", "“We are ready,”" },
    { "\"We are ready\"", "\"We are ready\"" },
    { "«Мы готовы»", "«Мы готовы»" },
    { "„Wir sind bereit“", "„Wir sind bereit“" },
    { "「我们准备好了」", "「我们准备好了」" },
    { "“unclosed", "““unclosed”" },
    { "😀", "“😀”" },
    { "", "“”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = gloss_text_quote (cases[i].in);

      g_assert_cmpstr (quoted, ==, cases[i].out);
    }
}

static void
test_key_to_words (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "quote_type", "Quote type" },
    { "claimant_is_author", "Claimant is author" },
    { "speakerKind", "Speaker kind" },
    { "verdict", "Verdict" },
    { "ämne_typ", "Ämne typ" },
    { "NFS", "NFS" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = gloss_text_key_to_words (cases[i].in);

      g_assert_cmpstr (words, ==, cases[i].out);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text/normalize/bom", test_normalize_bom);
  g_test_add_func ("/text/normalize/newlines", test_normalize_newlines);
  g_test_add_func ("/text/normalize/nfc", test_normalize_nfc);
  g_test_add_func ("/text/normalize/nfc-reorder", test_normalize_nfc_reorder);
  g_test_add_func ("/text/normalize/nfc-like-glib", test_normalize_nfc_like_glib);
  g_test_add_func ("/text/normalize/unchanged", test_normalize_unchanged);
  g_test_add_func ("/text/normalize/keep-text", test_normalize_keep_text);
  g_test_add_func ("/text/normalize/combined", test_normalize_combined);
  g_test_add_func ("/text/normalize/not-nul-terminated", test_normalize_not_nul_terminated);
  g_test_add_func ("/text/normalized-to-strv", test_normalized_to_strv);
  g_test_add_func ("/text/error/invalid-utf8", test_error_invalid_utf8);
  g_test_add_func ("/text/error/utf16", test_error_utf16);
  g_test_add_func ("/text/error/empty", test_error_empty);
  g_test_add_func ("/text/error/binary", test_error_binary);
  g_test_add_func ("/text/decode", test_decode);
  g_test_add_func ("/text/decode/errors", test_decode_errors);
  g_test_add_func ("/text/guess-title", test_guess_title);
  g_test_add_func ("/text/guess-title/long", test_guess_title_long);
  g_test_add_func ("/text/guess-title/long-word", test_guess_title_long_word);
  g_test_add_func ("/text/sha256", test_sha256);
  g_test_add_func ("/text/count-chars", test_count_chars);
  g_test_add_func ("/text/index/scripts", test_index_scripts);
  g_test_add_func ("/text/index/long", test_index_long);
  g_test_add_func ("/text/index/lengths", test_index_lengths);
  g_test_add_func ("/text/index/out-of-range", test_index_out_of_range);
  g_test_add_func ("/text/real-articles", test_real_articles);

  g_test_add_func ("/text/quote", test_quote);
  g_test_add_func ("/text/key-to-words", test_key_to_words);

  return g_test_run ();
}
