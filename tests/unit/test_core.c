/* SPDX-License-Identifier: MIT */
/* Tests of the core layer: errors, dB helpers, UTC time parsing and formatting, constants. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <string.h>

#include "interf.h"

Test(core, db_round_trip)
{
    /* Definition: 10 log10(2) = 3.0102999566398120 dB (log10 2 = 0.30102999566398120). */
    cr_assert(epsilon_eq(dbl, interf_db(2.0), 3.010299956639812, 1e-14));
    cr_assert(epsilon_eq(dbl, interf_undb(-30.0), 1e-3, 1e-18));
    cr_assert(epsilon_eq(dbl, interf_undb(interf_db(123.456)), 123.456, 1e-12));
}

Test(core, constants_are_s1503_table2)
{
    /* Rec. ITU-R S.1503-4 Table 2: 4.1780745823e-3 deg/s * pi/180 = 7.2921157855e-5 rad/s;
     * §D6.3.2 quotes 7.2921158553e-5, equal to 1e-8 relative (the Table 2 value is used). */
    cr_assert(epsilon_eq(dbl, INTERF_OMEGA_E_RAD_S, 7.2921157855e-5, 1e-15));
    cr_assert(epsilon_eq(dbl, INTERF_OMEGA_E_RAD_S / 7.2921158553e-5, 1.0, 1e-8));
    /* The sidereal day is 360 deg / omega_e = 86164.0905 s (Table 2 gives 86164.09054). */
    cr_assert(epsilon_eq(dbl, 360.0 / INTERF_OMEGA_E_DEG_S, INTERF_TE_S, 0.001));
    cr_assert(epsilon_eq(dbl, INTERF_RE_KM, 6378.145, 0.0));
    cr_assert(epsilon_eq(dbl, INTERF_RGEO_KM, 42164.2, 0.0));
}

Test(core, parse_utc_times)
{
    /* POSIX time of 2000-01-01T12:00:00Z (J2000.0 in UTC) is 946728000 (= 10957 days * 86400
     * + 43200; 10957 days from 1970-01-01 to 2000-01-01: 30 years, 7 leap days). */
    double t;
    cr_assert(eq(int, interf_time_parse_utc("2000-01-01T12:00:00Z", &t, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, t, 946728000.0, 0.0));
    cr_assert(eq(int, interf_time_parse_utc("1970-01-01", &t, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, t, 0.0, 0.0));
    /* 2024-02-29 is a leap day: 19782 days after the epoch (hand: 54 years = 19723 days incl.
     * 13 leap days, + 31 (Jan) + 28 = 19782). */
    cr_assert(eq(int, interf_time_parse_utc("2024-02-29T00:00:01.5+00:00", &t, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, t, 19782 * 86400.0 + 1.5, 1e-6));
    cr_assert(eq(int, interf_time_parse_utc("1993-07-01 00:00", &t, NULL), INTERF_OK));
    cr_assert(epsilon_eq(dbl, t, 741484800.0, 0.0)); /* date -u -d 1993-07-01 +%s */
}

Test(core, reject_bad_times)
{
    const char *bad[] = {"2023-02-29T00:00:00Z", "2025-13-01", "2025-01-01T24:00:00Z",
                         "2025-01-01T00:00:00+02:00", "yesterday", "2025-1-1", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct interf_error err;
        double t;
        cr_assert(eq(int, interf_time_parse_utc(bad[i], &t, &err), INTERF_EINPUT), "%s", bad[i]);
        cr_assert(eq(int, err.status, INTERF_EINPUT));
        cr_assert(strstr(err.msg, bad[i]) != NULL, "message names the input: %s", err.msg);
    }
}

Test(core, format_utc_round_trip)
{
    char buf[40];
    cr_assert(eq(str, interf_time_format_utc(946728000.0, buf, sizeof buf),
                 "2000-01-01T12:00:00Z"));
    cr_assert(eq(str, interf_time_format_utc(741484800.25, buf, sizeof buf),
                 "1993-07-01T00:00:00.250Z"));
    /* before 1970 */
    cr_assert(eq(str, interf_time_format_utc(-86400.0, buf, sizeof buf), "1969-12-31T00:00:00Z"));
}

Test(core, error_record)
{
    struct interf_error err;
    cr_assert(eq(int, interf_error_set(&err, INTERF_EIO, "%s:%d: %s", "a.ini", 3, "x"),
                 INTERF_EIO));
    cr_assert(eq(str, err.msg, "a.ini:3: x"));
    cr_assert(eq(int, interf_error_set(NULL, INTERF_EINPUT, "ignored"), INTERF_EINPUT));
    cr_assert(eq(str, (char *)interf_status_str(INTERF_EINPUT), "bad input"));
}

Test(core, wrap_pi)
{
    /* (-pi, pi]: pi stays, -pi maps to pi, 3 pi/2 to -pi/2, -7 pi/2 to pi/2 */
    cr_assert(epsilon_eq(dbl, interf_wrap_pi(INTERF_PI), INTERF_PI, 1e-15));
    cr_assert(epsilon_eq(dbl, interf_wrap_pi(-INTERF_PI), INTERF_PI, 1e-15));
    cr_assert(epsilon_eq(dbl, interf_wrap_pi(1.5 * INTERF_PI), -0.5 * INTERF_PI, 1e-15));
    cr_assert(epsilon_eq(dbl, interf_wrap_pi(-3.5 * INTERF_PI), 0.5 * INTERF_PI, 1e-15));
    cr_assert(epsilon_eq(dbl, interf_wrap_pi(0.25), 0.25, 0.0));
}

Test(core, parse_real_takes_finite_decimals_only)
{
    /* strtod would also take hex, inf and nan, and gives inf for 1e999: none is a number here */
    double v = 0;
    cr_assert(eq(int, interf_parse_real("-12.5e-1", &v), 1));
    cr_assert(eq(dbl, v, -1.25));
    cr_assert(eq(int, interf_parse_real("42", &v), 1));
    cr_assert(eq(dbl, v, 42.0));
    const char *bad[] = {"", "0x10", "inf", "nan", "1e999", "1.0 ", "1,5", "--1"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        cr_assert(eq(int, interf_parse_real(bad[k], &v), 0), "\"%s\" taken", bad[k]);
}
