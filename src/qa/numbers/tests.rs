//! Number extraction (both languages) and matching by meaning.

use super::*;

fn values(qs: &[Quantity]) -> Vec<String> {
    qs.iter().map(|q| q.value.to_string()).collect()
}

/// Counts and figures only: month and weekday names are checked by their own tests.
fn figures(qs: Vec<Quantity>) -> Vec<Quantity> {
    qs.into_iter().filter(|q| !q.month && !q.weekday).collect()
}

fn fa(text: &str) -> Vec<String> {
    values(&figures(extract_persian(text)))
}

fn en(text: &str) -> Vec<String> {
    values(&extract_english(text))
}

fn one_fa(text: &str) -> Quantity {
    let mut qs = figures(extract_persian(text));
    assert_eq!(qs.len(), 1, "{text}: {qs:?}");
    qs.remove(0)
}

fn one_en(text: &str) -> Quantity {
    let mut qs = figures(extract_english(text));
    assert_eq!(qs.len(), 1, "{text}: {qs:?}");
    qs.remove(0)
}

fn keys(source: &str, target: &str) -> Vec<String> {
    check_numbers(source, target)
        .into_iter()
        .map(|f| f.key)
        .collect()
}

fn assert_quiet(source: &str, target: &str) {
    let findings = check_numbers(source, target);
    assert!(findings.is_empty(), "{source} -> {target}: {findings:#?}");
}

fn alternatives(q: &Quantity) -> Vec<String> {
    q.alternatives.iter().map(ToString::to_string).collect()
}

// ---- Persian extraction ----

#[test]
fn fa_digits_in_all_three_scripts() {
    assert_eq!(fa("در ۷۰۰ کلانتری و ٧٠ مرکز و 7 استان"), ["700", "70", "7"]);
}

#[test]
fn fa_decimal_separators() {
    assert_eq!(
        fa("۳۲٫۵ و ۳/۵ و 3.5 و ۱۲.۷۵"),
        ["32.5", "3.5", "3.5", "12.75"]
    );
}

#[test]
fn fa_thousands_separators() {
    assert_eq!(
        fa("۴۰۰٬۰۰۰ نفر، ۴۰۰,۰۰۰ نفر و ۱۲،۵۰۰ تومان"),
        ["400000", "400000", "12500"]
    );
    // Not three digits after the separator: a list, read as separate numbers.
    assert_eq!(fa("۱۲،۵۰"), ["12", "50"]);
}

#[test]
fn fa_sentence_period_after_number_is_not_a_decimal() {
    assert_eq!(fa("در سال ۱۳۹۸. مردم"), ["1398"]);
}

#[test]
fn fa_scale_words_after_digits() {
    assert_eq!(fa("از ۴۰۰ هزار پرونده"), ["400000"]);
    assert_eq!(fa("۱٫۲ میلیون نفر"), ["1200000"]);
    assert_eq!(fa("۵ میلیارد دلار"), ["5000000000"]);
    assert_eq!(fa("۴۰۰هزار"), ["400000"], "no space before the scale word");
}

#[test]
fn fa_chained_and_compound_scales() {
    assert_eq!(fa("۵ هزار میلیارد تومان"), ["5000000000000"]);
    assert_eq!(fa("۳ میلیون و ۲۰۰ هزار نفر"), ["3200000"]);
    assert_eq!(fa("دو میلیون و ۳۰۰ هزار نفر"), ["2300000"]);
    assert_eq!(fa("۲ هزار و ۵۰۰ نفر"), ["2500"]);
}

#[test]
fn fa_numbers_joined_by_va_stay_separate() {
    assert_eq!(fa("بین ۷۰ و ۸۰ درصد"), ["70", "80"]);
    assert_eq!(fa("۴۰۰ هزار ۷۰۰ کلانتری"), ["400000", "700"]);
    assert_eq!(fa("۲ میلیون و ۳ میلیون"), ["2000000", "3000000"]);
}

#[test]
fn fa_written_out_numbers() {
    assert_eq!(fa("بیست و یک نفر"), ["21"]);
    assert_eq!(fa("سیصد و بیست و پنج"), ["325"]);
    assert_eq!(fa("سه صد نفر"), ["300"]);
    assert_eq!(fa("هزار و سیصد و نود و هشت"), ["1398"]);
    assert_eq!(fa("دو هزار و پانصد"), ["2500"]);
    assert_eq!(fa("چهار دهه"), ["4"]);
}

#[test]
fn fa_written_out_numbers_with_scale_and_half() {
    assert_eq!(fa("دو میلیون نفر"), ["2000000"]);
    assert_eq!(fa("دو و نیم میلیون"), ["2500000"]);
    assert_eq!(fa("سه و نیم ساعت"), ["3.5"]);
    assert_eq!(fa("۲ میلیون و نیم"), ["2500000"]);
}

#[test]
fn fa_ordinal_words() {
    let q = one_fa("بیست و یکمین همایش");
    assert_eq!(
        (q.value.to_string(), q.ordinal, q.weak),
        ("21".to_owned(), true, false)
    );
    assert_eq!(q.text, "بیست و یکمین");
    assert_eq!(fa("سومین دور"), ["3"]);
    assert_eq!(fa("دهمین سالگرد"), ["10"]);
    assert_eq!(fa("بیستم"), ["20"]);
    assert_eq!(fa("هزارمین"), ["1000"]);
    assert_eq!(fa("صد و بیستمین"), ["120"]);
}

#[test]
fn fa_ordinal_suffixes_on_digits_and_after_zwnj() {
    for text in ["۲۱ام", "۲۱اُم", "۲۱مین", "۲۱امین", "۲۱ ام"] {
        let q = one_fa(text);
        assert_eq!(q.value, Dec::int(21), "{text}");
        assert!(q.ordinal, "{text}");
    }
    let q = one_fa("سی\u{200C}امین سالگرد");
    assert_eq!((q.value, q.ordinal), (Dec::int(30), true));
}

#[test]
fn fa_look_alike_words_are_not_numbers() {
    for text in [
        "سهم ایران",
        "دوام",
        "سیم برق",
        "سیمین",
        "صدام",
        "زمین",
        "مردم",
        "صدا و سیما",
        "پنجشنبه",
    ] {
        assert!(fa(text).is_empty(), "{text}: {:?}", fa(text));
    }
}

#[test]
fn fa_zwnj_compounds_are_not_counts() {
    for text in [
        "روز سه\u{200C}شنبه",
        "پنج\u{200C}شنبه",
        "ده\u{200C}ها نفر",
        "صد\u{200C}ها هزار",
        "نیم\u{200C}ساعت",
        "سه\u{200C}جانبه",
    ] {
        assert!(
            figures(extract_persian(text)).iter().all(|q| q.weak),
            "{text}: {:?}",
            fa(text)
        );
    }
}

#[test]
fn fa_percent_forms() {
    for text in [
        "۲۵٪",
        "۲۵ ٪",
        "۲۵%",
        "۲۵ درصد",
        "۲۵ درصدی",
        "٪۲۵",
        "بیست و پنج درصد",
    ] {
        let q = one_fa(text);
        assert_eq!(q.value, Dec::int(25), "{text}");
        assert!(q.percent, "{text}");
    }
    assert!(!one_fa("۲۵ نفر").percent);
}

#[test]
fn fa_weak_words() {
    assert!(
        one_fa("یک بودجه محدود").weak,
        "یک as the indefinite article"
    );
    assert!(one_fa("یکی از اقدامات").weak);
    assert!(one_fa("نه تنها").weak);
    assert!(one_fa("هر دو کشور").weak);
    assert!(one_fa("هزار نفر").weak, "a bare scale word");
    assert!(one_fa("صد درصد").weak, "صد درصد is mostly 'completely'");
    assert!(
        one_fa("دو کشور").weak,
        "a number word alone is weak evidence"
    );
    assert!(!one_fa("دو کیلومتر").weak);
    assert!(
        !one_fa("بیست و دو کشور").weak,
        "a compound number word is not alone"
    );
    assert!(!one_fa("یک میلیون").weak);
    assert!(!one_fa("۱ نفر").weak, "digits are never weak");
}

#[test]
fn fa_currency_units() {
    let q = one_fa("۷۰ هزار تومان");
    assert_eq!(
        (q.value, q.currency),
        (Dec::int(70_000), Some(Currency::Toman))
    );
    assert_eq!(q.text, "۷۰ هزار تومان");
    assert_eq!(one_fa("۵۰۰ ریال").currency, Some(Currency::Rial));
    assert_eq!(
        one_fa("کالای ۵۰۰ هزار تومانی").currency,
        Some(Currency::Toman)
    );
}

#[test]
fn fa_two_digit_year_needs_year_context() {
    assert_eq!(
        alternatives(&one_fa("برای سال ۹۸")),
        ["1398", "2019", "2020"]
    );
    assert_eq!(
        alternatives(&one_fa("در سال\u{200C}های ۹۷")),
        ["1397", "2018", "2019"]
    );
    assert_eq!(alternatives(&one_fa("بهمن ۹۷")), ["1397", "2018", "2019"]);
    assert_eq!(alternatives(&one_fa("سال ۰۲")), ["1402", "2023", "2024"]);
    assert!(one_fa("۹۸ نفر").alternatives.is_empty());
    assert!(
        one_fa("۳۹ سال گذشته").alternatives.is_empty(),
        "a number before سال is a duration"
    );
}

#[test]
fn fa_four_digit_solar_years() {
    assert_eq!(alternatives(&one_fa("۱۳۹۸")), ["1398", "2019", "2020"]);
    assert!(
        one_fa("۱٬۴۰۰ نفر").alternatives.is_empty(),
        "grouped: a count, not a year"
    );
    assert!(one_fa("۲۰۲۵").alternatives.is_empty(), "already Gregorian");
}

#[test]
fn fa_lunar_years_and_decades() {
    assert_eq!(
        alternatives(&extract_persian("۱۴۴۰ ه.ق")[0]),
        ["1440", "2018", "2019"]
    );
    assert_eq!(alternatives(&one_fa("دهه ۶۰")), ["1360", "1980"]);
}

#[test]
fn fa_day_and_month_dates() {
    // By the Persian calendar (`ICU4X`): 22 Bahman is 11 February, the 10th in some years.
    assert_eq!(alternatives(&one_fa("مراسم ۲۲ بهمن")), ["11", "10"]);
    let qs = figures(extract_persian("از ۱۵ تا ۱۸ اردیبهشت"));
    assert_eq!(alternatives(&qs[0]), ["5", "4"]);
    assert_eq!(alternatives(&qs[1]), ["8", "7"]);
    // With a year the day is exact, and the month is a quantity of its own.
    let qs = extract_persian("در ۱۵ آبان ۱۴۰۳");
    assert_eq!(alternatives(&qs[0]), ["5"]);
    assert!(qs[1].month && !qs[1].weak);
    assert_eq!(qs[1].value, Dec::int(11));
}

#[test]
fn fa_slash_dates() {
    let qs = extract_persian("در تاریخ ۱۳۹۸/۰۵/۱۲ منتشر شد");
    // The month is read as the Gregorian month of the date (12 Mordad 1398 = 3 August 2019).
    assert_eq!(values(&qs), ["1398", "8", "12"]);
    assert_eq!(alternatives(&qs[0]), ["1398", "2019"]);
    assert!(
        qs[1].weak && qs[1].month,
        "the month is usually written as a name"
    );
    assert!(
        alternatives(&qs[2]).contains(&"3".to_owned()),
        "12 Mordad = 3 August"
    );
}

#[test]
fn fa_identifiers_and_urls() {
    assert!(one_fa("کووید-۱۹").weak);
    assert!(one_fa("گروه G7").weak);
    assert!(fa("سایت www.irna.ir/news/12345 را ببینید").is_empty());
}

#[test]
fn fa_spans_cover_the_phrase() {
    let text = "از ۴۰۰ هزار پرونده بیش از ۷۰ درصد";
    let qs = extract_persian(text);
    assert_eq!(&text[qs[0].span.clone()], "۴۰۰ هزار");
    assert_eq!(&text[qs[1].span.clone()], "۷۰ درصد");
}

// ---- English extraction ----

#[test]
fn en_digits_with_grouping_and_decimals() {
    assert_eq!(
        en("400,000 cases, 1,200.5 tons and 32.5 points."),
        ["400000", "1200.5", "32.5"]
    );
    assert_eq!(en("in 2019."), ["2019"]);
    assert_eq!(
        en("1,2 and 3"),
        ["1", "2", "3"],
        "a comma not followed by three digits"
    );
}

#[test]
fn en_scale_words() {
    assert_eq!(en("400 thousand"), ["400000"]);
    assert_eq!(en("1.2 million people"), ["1200000"]);
    assert_eq!(en("$2.5bn"), ["2500000000"]);
    assert_eq!(en("5 trillion tomans"), ["5000000000000"]);
    assert_eq!(en("5,000 billion"), ["5000000000000"]);
}

#[test]
fn en_percent_forms() {
    for text in [
        "32.5%",
        "32.5 %",
        "32.5 percent",
        "32.5 per cent",
        "a 32.5-percent rise",
        "32.5 percentage points",
    ] {
        let q = one_en(text);
        assert_eq!(q.value.to_string(), "32.5", "{text}");
        assert!(q.percent, "{text}");
    }
}

#[test]
fn en_number_words() {
    assert_eq!(en("twenty-one"), ["21"]);
    assert_eq!(en("twenty one"), ["21"]);
    assert_eq!(en("one hundred and twenty"), ["120"]);
    assert_eq!(en("two hundred thousand"), ["200000"]);
    assert_eq!(
        en("two hundred and twenty-one thousand five hundred"),
        ["221500"]
    );
    assert_eq!(en("four decades"), ["4"]);
    assert_eq!(en("two and a half million"), ["2500000"]);
}

#[test]
fn en_ordinals() {
    for text in ["21st", "twenty-first", "the 21st conference"] {
        let q = one_en(text);
        assert_eq!((q.value, q.ordinal), (Dec::int(21), true), "{text}");
    }
    assert_eq!(en("2nd, 3rd and 4th"), ["2", "3", "4"]);
    assert_eq!(en("the hundredth time"), ["100"]);
}

#[test]
fn en_and_between_numbers_keeps_them_apart() {
    assert_eq!(en("between 70 and 80"), ["70", "80"]);
    assert_eq!(en("five and six"), ["5", "6"]);
    assert_eq!(en("in 2019 two people"), ["2019", "2"]);
    assert_eq!(en("won 2-1"), ["2", "1"]);
}

#[test]
fn en_year_ranges() {
    assert_eq!(en("1398 (2019-20)"), ["1398", "2019", "2020"]);
    assert_eq!(en("2019/20"), ["2019", "2020"]);
    assert_eq!(en("1999–00"), ["1999", "2000"]);
    assert_eq!(en("2019/2020"), ["2019", "2020"]);
}

#[test]
fn en_weak_words() {
    assert!(one_en("one of the measures").weak);
    assert!(one_en("for the first time").weak);
    assert!(one_en("a million people").weak);
    assert!(one_en("both sides").weak);
    assert!(!one_en("one million").weak);
    // A number word alone is weak evidence unless it carries a unit, currency or percent.
    assert!(one_en("three people").weak);
    assert!(!one_en("three kilometres").weak);
    assert!(!one_en("three percent").weak);
    assert!(extract_english("a limited budget").is_empty());
}

#[test]
fn en_currency_units() {
    assert_eq!(one_en("70,000 tomans").currency, Some(Currency::Toman));
    assert_eq!(one_en("700,000 rials").currency, Some(Currency::Rial));
    assert_eq!(one_en("a 500,000-rial note").currency, Some(Currency::Rial));
    assert_eq!(one_en("IRR 5,000").currency, Some(Currency::Rial));
}

#[test]
fn en_identifiers_decades_money() {
    assert!(one_en("COVID-19").weak);
    assert!(one_en("the F-35").weak);
    assert!(one_en("the G7").weak);
    assert_eq!(en("the 1990s"), ["1990"]);
    assert_eq!(en("$85 a barrel"), ["85"]);
    assert!(en("see https://example.com/2019/05 now").is_empty());
}

// ---- Matching by meaning ----

#[test]
fn match_400_thousand_forms() {
    assert_quiet("۴۰۰ هزار پرونده", "400,000 cases");
    assert_quiet("۴۰۰ هزار پرونده", "400 thousand cases");
    assert_quiet("۴۰۰٬۰۰۰ پرونده", "400 thousand cases");
}

#[test]
fn match_percent_forms() {
    assert_quiet("۳۲٫۵ درصد", "32.5 percent");
    assert_quiet("۳۲٫۵ درصد", "32.5%");
    assert_quiet("۲۵٪", "25%");
    assert_quiet("بیست و پنج درصد", "25 per cent");
}

#[test]
fn match_tomans() {
    assert_quiet("۷۰ هزار تومان", "70,000 tomans");
    assert_quiet("۷۰ هزار تومان", "70 thousand tomans");
    // A correct conversion is fine.
    assert_quiet("۷۰ هزار تومان", "700,000 rials");
    assert_quiet("۵۰۰ هزار ریال", "50,000 tomans");
}

#[test]
fn match_ordinals() {
    assert_quiet("بیست و یکمین همایش", "the 21st conference");
    assert_quiet("بیست و یکمین همایش", "the twenty-first conference");
    assert_quiet("۲۱مین همایش", "the 21st conference");
    assert_quiet("سومین دور مذاکرات", "the third round of talks");
}

#[test]
fn match_solar_years() {
    assert_quiet("برای سال ۹۸", "for 1398");
    assert_quiet("برای سال ۹۸", "for 2019");
    assert_quiet("برای سال ۹۸", "for the year to March 2020");
    assert_quiet("برای سال ۹۸", "for the Iranian year 1398 (2019-20)");
    assert_quiet("در سال ۱۳۹۸", "in 2019");
    assert_quiet("دهه ۶۰", "the 1980s");
    assert_quiet("سال ۱۴۴۰ ه.ق", "the year 2019");
}

#[test]
fn match_dates() {
    assert_quiet("مراسم ۲۲ بهمن", "the 22 Bahman ceremonies");
    assert_quiet("مراسم ۲۲ بهمن", "the February 11 ceremonies");
    assert_quiet("مراسم ۲۲ بهمن", "the 22 Bahman (February 11) ceremonies");
    assert_quiet("از ۱۵ تا ۱۸ اردیبهشت", "from May 5 to 8");
    assert_eq!(
        keys("مراسم ۲۲ بهمن", "the February 15 ceremonies"),
        ["number-missing:22", "number-extra:15"]
    );
}

#[test]
fn match_written_and_digit_forms_across_languages() {
    assert_quiet("سه نفر", "3 people");
    assert_quiet("۳ نفر", "three people");
    assert_quiet("٧٠٠ کلانتری", "700 police stations");
    assert_quiet("دو و نیم میلیون", "2.5 million");
    assert_quiet("دو میلیون و ۳۰۰ هزار نفر", "2.3 million people");
    assert_quiet("دو میلیون و ۳۰۰ هزار نفر", "2,300,000 people");
    assert_quiet("۵ هزار میلیارد تومان", "5 trillion tomans");
    assert_quiet("۵ هزار میلیارد تومان", "5,000 billion tomans");
}

#[test]
fn match_weak_words_stay_quiet() {
    assert_quiet("بودجه ما یک بودجه محدود است", "Our budget is limited");
    assert_quiet("یکی از اقدامات", "One of the measures");
    assert_quiet("نه تنها مردم", "not only the people");
    assert_quiet("هر دو کشور", "both countries");
    assert_quiet("دو کشور", "both countries");
    assert_quiet("برای نخستین بار", "for the first time");
    assert_quiet("روز سه\u{200C}شنبه", "on Tuesday");
    assert_quiet("با نتیجه دو بر یک", "2-1");
}

#[test]
fn match_multiples_and_fractions() {
    assert_quiet("قیمت\u{200C}ها دو برابر شد", "prices doubled");
    assert_quiet("سه برابر", "threefold");
    assert_quiet("دو سوم مردم", "two-thirds of the people");
    assert_quiet("یک چهارم بودجه", "a quarter of the budget");
    assert_eq!(en("a few seconds"), Vec::<String>::new());
    assert_quiet("پیروزی انقلاب ۵۷", "the victory of the 1979 revolution");
}

#[test]
fn match_is_by_set_not_by_count() {
    assert_quiet("۷۰ درصد ... و باز هم ۷۰ درصد", "70 percent, again");
}

#[test]
fn mismatch_70_vs_7() {
    let (src, tgt) = ("بیش از ۷۰ درصد", "more than 7 percent");
    let findings = check_numbers(src, tgt);
    let keys: Vec<&str> = findings.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["number-missing:70", "number-extra:7"]);
    assert!(findings.iter().all(|f| f.severity == Severity::Error));
    assert_eq!(
        findings[0].source_span.clone().map(|r| &src[r]),
        Some("۷۰ درصد")
    );
    assert_eq!(
        findings[1].target_span.clone().map(|r| &tgt[r]),
        Some("7 percent")
    );
    assert!(
        findings[0].message.contains("70%"),
        "{}",
        findings[0].message
    );
}

#[test]
fn mismatch_400_thousand_vs_40000() {
    assert_eq!(
        keys("از ۴۰۰ هزار پرونده", "of the 40,000 cases"),
        ["number-missing:400000", "number-extra:40000"]
    );
    assert_eq!(
        keys("از ۴۰۰ هزار پرونده", "of the 40 thousand cases"),
        ["number-missing:400000", "number-extra:40000"]
    );
}

#[test]
fn mismatch_decimal_vs_integer() {
    assert_eq!(
        keys("۱٫۲ میلیون", "12 million"),
        ["number-missing:1200000", "number-extra:12000000"]
    );
    assert_eq!(keys("۱٫۲", "12"), ["number-missing:1.2", "number-extra:12"]);
}

#[test]
fn mismatch_missing_number_alone() {
    let findings = check_numbers("در ۷۰۰ کلانتری", "in police stations");
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0].kind, findings[0].severity),
        (CheckKind::NumberMissing, Severity::Error)
    );
}

#[test]
fn mismatch_ordinal_and_year() {
    assert_eq!(
        keys("بیست و یکمین همایش", "the 12th conference"),
        ["number-missing:21", "number-extra:12"]
    );
    assert_eq!(
        keys("برای سال ۹۸", "for 2021"),
        ["number-missing:98", "number-extra:2021"]
    );
    // Without year context ۹۸ is a count and must not match 2019.
    assert_eq!(
        keys("۹۸ نفر", "2019 people"),
        ["number-missing:98", "number-extra:2019"]
    );
}

#[test]
fn toman_rial_unit_change_is_an_error() {
    let findings = check_numbers("۷۰ هزار تومان", "70,000 rials");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        (findings[0].kind, findings[0].severity),
        (CheckKind::NumberUnit, Severity::Error)
    );
    assert_eq!(findings[0].key, "unit-change:70000");
    assert_eq!(
        keys("۵۰۰ هزار ریال", "500,000 tomans"),
        ["unit-change:500000"]
    );
}

#[test]
fn percent_lost_is_a_warning() {
    let findings = check_numbers("۲۵٪ افزایش", "an increase of 25");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        (findings[0].kind, findings[0].severity),
        (CheckKind::NumberPercent, Severity::Warning)
    );
    assert_eq!(keys("۲۵ نفر", "25% of people"), ["percent-mismatch:25"]);
}

#[test]
fn extra_number_severity_depends_on_a_missing_one() {
    // An added year with nothing missing: a warning (explanatory addition).
    let findings = check_numbers(
        "سالگرد پیروزی انقلاب",
        "the anniversary of the 1979 revolution",
    );
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0].key.as_str(), findings[0].severity),
        ("number-extra:1979", Severity::Warning)
    );
    // A weak source number left unmatched makes a stray target number an error.
    let findings = check_numbers("یک نفر کشته شد", "2 people were killed");
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0].key.as_str(), findings[0].severity),
        ("number-extra:2", Severity::Error)
    );
}

#[test]
fn keys_are_stable_under_unrelated_edits() {
    let before = keys("از ۴۰۰ هزار پرونده", "of the 40,000 cases");
    let after = keys(
        "از ۴۰۰ هزار پرونده",
        "Of all the 40,000 cases referred to us each year",
    );
    assert_eq!(before, after);
}

#[test]
fn overflowing_digit_strings_do_not_panic() {
    let long = "۹".repeat(80);
    let qs = extract_persian(&long);
    assert!(qs.is_empty());
    let _ = check_numbers(&format!("{long} هزار"), &"9".repeat(80));
}

// ---- Properties ----

mod props {
    use proptest::prelude::*;

    use super::*;

    fn persian_digits(s: &str) -> String {
        s.chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| char::from_u32(0x06F0 + d))
                    .unwrap_or(c)
            })
            .collect()
    }

    fn grouped(n: u64, sep: char) -> String {
        Dec::int(i128::from(n))
            .grouped()
            .replace(',', &sep.to_string())
    }

    const FA_UNITS: [&str; 20] = [
        "",
        "یک",
        "دو",
        "سه",
        "چهار",
        "پنج",
        "شش",
        "هفت",
        "هشت",
        "نه",
        "ده",
        "یازده",
        "دوازده",
        "سیزده",
        "چهارده",
        "پانزده",
        "شانزده",
        "هفده",
        "هجده",
        "نوزده",
    ];
    const FA_TENS: [&str; 10] = [
        "",
        "",
        "بیست",
        "سی",
        "چهل",
        "پنجاه",
        "شصت",
        "هفتاد",
        "هشتاد",
        "نود",
    ];
    const FA_HUNDREDS: [&str; 10] = [
        "",
        "صد",
        "دویست",
        "سیصد",
        "چهارصد",
        "پانصد",
        "ششصد",
        "هفتصد",
        "هشتصد",
        "نهصد",
    ];

    /// Persian words for 1..=999, parts joined with و.
    fn fa_under_1000(n: usize) -> Vec<&'static str> {
        let mut parts = vec![FA_HUNDREDS[n / 100]];
        let rest = n % 100;
        if rest < 20 {
            parts.push(FA_UNITS[rest]);
        } else {
            parts.extend([FA_TENS[rest / 10], FA_UNITS[rest % 10]]);
        }
        parts.retain(|p| !p.is_empty());
        parts
    }

    fn fa_words(n: usize) -> String {
        let mut parts: Vec<String> = Vec::new();
        if n >= 1000 {
            let th = fa_under_1000(n / 1000).join(" و ");
            parts.push(if n / 1000 == 1 {
                "هزار".to_owned()
            } else {
                format!("{th} هزار")
            });
        }
        parts.extend(fa_under_1000(n % 1000).into_iter().map(str::to_owned));
        parts.join(" و ")
    }

    const EN_UNITS: [&str; 20] = [
        "",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const EN_TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];

    fn en_under_1000(n: usize) -> String {
        let rest = n % 100;
        let tail = match (rest / 10, rest % 10) {
            _ if rest < 20 => EN_UNITS[rest].to_owned(),
            (t, 0) => EN_TENS[t].to_owned(),
            (t, u) => format!("{}-{}", EN_TENS[t], EN_UNITS[u]),
        };
        match (n / 100, tail.is_empty()) {
            (0, _) => tail,
            (h, true) => format!("{} hundred", EN_UNITS[h]),
            (h, false) => format!("{} hundred and {tail}", EN_UNITS[h]),
        }
    }

    fn en_words(n: usize) -> String {
        match (n / 1000, n % 1000) {
            (0, r) => en_under_1000(r),
            (t, 0) => format!("{} thousand", en_under_1000(t)),
            (t, r) => format!("{} thousand {}", en_under_1000(t), en_under_1000(r)),
        }
    }

    proptest! {
        #[test]
        fn persian_digits_match_english_digits(n in 0u64..1_000_000_000_000, fa_sep in prop::sample::select(vec![None, Some('٬'), Some(',')])) {
            let fa = match fa_sep { Some(sep) => grouped(n, sep), None => n.to_string() };
            let src = format!("رقم {} اعلام شد", persian_digits(&fa));
            let tgt = format!("The figure of {} was announced", grouped(n, ','));
            prop_assert!(check_numbers(&src, &tgt).is_empty(), "{} / {}", src, tgt);
        }

        #[test]
        fn persian_decimals_match_english_decimals(int in 0u32..100_000, frac in 1u32..1000) {
            let src = format!("{}٫{} درصد", persian_digits(&int.to_string()), persian_digits(&frac.to_string()));
            let tgt = format!("{int}.{frac} percent");
            prop_assert!(check_numbers(&src, &tgt).is_empty(), "{} / {}", src, tgt);
        }

        #[test]
        fn a_different_number_is_always_caught(n in 0u64..100_000, m in 0u64..100_000) {
            prop_assume!(n != m && !(1_300..1_500).contains(&n));
            let src = format!("در {} کلانتری", persian_digits(&n.to_string()));
            let tgt = format!("in {m} police stations");
            let keys: Vec<String> = check_numbers(&src, &tgt).into_iter().map(|f| f.key).collect();
            prop_assert_eq!(keys, vec![format!("number-missing:{n}"), format!("number-extra:{m}")]);
        }

        #[test]
        fn persian_number_words_read_as_their_value(n in 1usize..1_000_000) {
            let words = fa_words(n);
            prop_assert_eq!(fa(&words), vec![n.to_string()], "{}", words);
            let findings = check_numbers(&format!("{words} نفر"), &format!("{} people", grouped(n as u64, ',')));
            prop_assert!(findings.is_empty(), "{:?}", findings);
        }

        #[test]
        fn english_number_words_read_as_their_value(n in 1usize..1_000_000) {
            let words = en_words(n);
            prop_assert_eq!(en(&words), vec![n.to_string()], "{}", words);
        }

        #[test]
        fn extraction_never_panics_and_spans_are_char_boundaries(text in "[۰-۹0-9٫٬،,./ هزارمیلیونودرصدتومانسالبهمن یکبیستمین%٪a-zA-Z-]{0,60}") {
            for q in extract_persian(&text).into_iter().chain(extract_english(&text)) {
                prop_assert!(text.get(q.span.clone()).is_some(), "{:?} in {:?}", q.span, text);
            }
        }
    }
}

/// Errors and infos of a pair, as keys with their severity.
fn errors_and_infos(fa: &str, en: &str) -> (Vec<String>, Vec<String>) {
    let found = crate::qa::check_pair(fa, en);
    let of = |s: crate::qa::Severity| {
        found
            .iter()
            .filter(|f| {
                f.severity == s && !matches!(f.kind, crate::qa::CheckKind::PossibleOmission)
            })
            .map(|f| f.key.clone())
            .collect::<Vec<_>>()
    };
    (
        of(crate::qa::Severity::Error),
        of(crate::qa::Severity::Info),
    )
}

#[test]
fn ap_abbreviated_months_and_weekdays_are_dates() {
    for (fa, en) in [
        (
            "انتخابات روز ۶ نوامبر برگزار می‌شود.",
            "The election will be held Nov. 6.",
        ),
        (
            "او در ۲۳ اوت ۲۰۱۸ بازداشت شد.",
            "He was detained Aug. 23, 2018.",
        ),
        ("دادگاه در ۱۴ فوریه تشکیل شد.", "The court sat on Feb. 14."),
        (
            "مراسم سالگرد ۱۱ سپتامبر برگزار شد.",
            "The Sept. 11 anniversary was marked.",
        ),
        ("نشست روز پنجشنبه برگزار شد.", "The meeting was held Thurs."),
    ] {
        let (errors, _) = errors_and_infos(fa, en);
        assert!(errors.is_empty(), "{en}: {errors:?}");
        let warned = crate::qa::check_pair(fa, en)
            .into_iter()
            .any(|f| f.key.starts_with("number-missing"));
        assert!(!warned, "{en}");
    }
    // The wrong month abbreviated is still an error; "Sun" in a name is not a day.
    let (errors, _) = errors_and_infos(
        "انتخابات روز ۶ نوامبر برگزار می‌شود.",
        "The election will be held Dec. 6.",
    );
    assert!(
        errors.contains(&"number-missing:month11".to_owned()),
        "{errors:?}"
    );
    assert!(
        extract_english("The Sun reported it. Sat. 5")
            .iter()
            .all(|q| !q.weekday || q.text == "Sat")
    );
    assert!(extract_english("The Sun reported it.").is_empty());
}

#[test]
fn degrees_without_a_scale_convert_as_fahrenheit() {
    let (errors, infos) = errors_and_infos(
        "دمای هوا فردا به ۳۲ درجه سانتیگراد می‌رسد.",
        "Temperatures will reach 90 degrees tomorrow.",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(infos, ["converted:32°C"]);
    // A difference converts without the 32 offset: 5 °C warmer is 9 degrees.
    let (errors, infos) = errors_and_infos(
        "دما ۵ درجه سانتیگراد بالاتر از میانگین خواهد بود.",
        "It will be 9 degrees above average.",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(infos.len(), 1, "{infos:?}");
    // The same figure on an unnamed scale (a British story's "30 degrees").
    let (errors, _) = errors_and_infos("دما به ۳۰ درجه رسید.", "It reached 30 degrees.");
    assert!(errors.is_empty(), "{errors:?}");
    // A wrong figure is still an error.
    let (errors, _) = errors_and_infos(
        "دمای هوا فردا به ۳۲ درجه سانتیگراد می‌رسد.",
        "Temperatures will reach 75 degrees tomorrow.",
    );
    assert!(!errors.is_empty());
}

#[test]
fn fractions_and_dozens_in_words_are_measures() {
    for (fa, en) in [
        ("۱.۲ سانتیمتر برف بارید.", "Half an inch of snow fell."),
        ("او ۴۰۰ متر دوید.", "He ran a quarter mile."),
        (
            "صف ۴۰۰ متر طول داشت.",
            "The queue was a quarter of a mile long.",
        ),
        ("۸۰۰ متر", "half a mile"),
        ("۱۲ نفر زخمی شدند.", "A dozen people were hurt."),
    ] {
        let (errors, _) = errors_and_infos(fa, en);
        assert!(errors.is_empty(), "{en}: {errors:?}");
    }
    let (errors, _) = errors_and_infos("او ۴۰۰ متر دوید.", "He ran half a mile.");
    assert!(!errors.is_empty(), "800 m is not 400 m");
}
