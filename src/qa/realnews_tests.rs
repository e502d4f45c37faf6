//! Issue 9: the false alarms met on real news, each as a case that must stay quiet, and the
//! real errors next to them that must still be caught.

use super::*;

fn errors(source: &str, target: &str) -> Vec<String> {
    check_pair(source, target)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.key)
        .collect()
}

fn warnings_or_errors(source: &str, target: &str) -> Vec<String> {
    check_pair(source, target)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| f.key)
        .collect()
}

const NONE: [&str; 0] = [];

#[test]
fn reported_speech_compares_the_quotes_end_mark() {
    assert_eq!(
        warnings_or_errors("او پرسید: «آیا می‌آیی؟»", "\"Are you coming?\" she asked."),
        NONE
    );
    assert_eq!(
        warnings_or_errors(
            "او گفت: «کار ما عالی بود.»",
            "\"We're doing great,\" he said."
        ),
        NONE
    );
    // A lost question mark is still an error.
    assert_eq!(
        errors("او پرسید: «آیا می‌آیی؟»", "\"Are you coming,\" she asked."),
        ["end-punctuation:?"]
    );
    assert_eq!(
        errors("آیا می‌آیی؟", "Are you coming."),
        ["end-punctuation:?"]
    );
}

#[test]
fn number_words_alone_are_weak_evidence() {
    for (fa, en) in [
        ("تیم‌های چهارنفره آمدند.", "The foursomes came."),
        (
            "گزارش سه‌ماهه منتشر شد.",
            "The quarterly report was published.",
        ),
        ("قیمت دوبرابر شد.", "The price doubled."),
        ("سرهنگ دوم آمد.", "The lieutenant colonel came."),
        (
            "مسابقات دو و میدانی برگزار شد.",
            "The athletics championship was held.",
        ),
        ("در نیمه دوم گل زد.", "He scored after the break."),
        ("هر دو تیم باختند.", "The rivals both lost."),
        ("دو بازیکن آمدند.", "The pair came."),
    ] {
        assert_eq!(warnings_or_errors(fa, en), NONE, "{fa}");
    }
    // With a unit, a currency or a percent a number word counts.
    assert_eq!(
        errors("دو کیلومتر دویدند.", "They ran three kilometres."),
        ["number-missing:2km", "number-extra:3km"]
    );
    assert_eq!(
        errors("بیست درصد رای دادند.", "Thirty percent voted."),
        ["number-missing:20", "number-extra:30"]
    );
}

#[test]
fn spelled_letters_and_weekdays_are_not_numbers() {
    for (fa, en) in [
        ("به گزارش سی ان ان آمد.", "CNN reported it."),
        ("به گزارش سی‌ان‌ان آمد.", "CNN reported it."),
        ("شبکه ای بی سی گفت.", "ABC said."),
        ("بی‌بی‌سی گفت.", "The BBC said."),
        ("رود می سی سی پی طغیان کرد.", "The Mississippi flooded."),
        ("روز پنج شنبه آمد.", "He came on Thursday."),
        ("روز پنج‌شنبه آمد.", "He came on Thursday."),
        ("روز سه‌شنبه آمد.", "He came on Tuesday."),
        ("روز دوشنبه و یکشنبه آمد.", "He came on Monday and Sunday."),
    ] {
        assert_eq!(warnings_or_errors(fa, en), NONE, "{fa}");
    }
    // Another weekday is an error; an added one is news style.
    assert_eq!(
        errors("روز دوشنبه پیروز شدند.", "They won on Saturday."),
        ["number-missing:weekday1", "number-extra:weekday6"]
    );
    assert_eq!(
        warnings_or_errors("پیروز شدند.", "They won on Saturday."),
        NONE
    );
}

#[test]
fn times_phones_money_and_ranges_in_any_format() {
    for (fa, en) in [
        ("در ساعت ۷:۳۰ صبح پیدا شد.", "It was found at 7.30am."),
        ("در ساعت ۷:۳۰ صبح پیدا شد.", "It was found at 7.30 a.m."),
        ("در ساعت ۷:۳۰ صبح پیدا شد.", "It was found at 7:30."),
        ("با شماره ۰۲۱۸۸۷۷۶۶۵۵ تماس بگیرید.", "Call 021 8877 6655."),
        ("با شماره ۰۸۰۰۵۵۵۱۱۱ تماس بگیرید.", "Call 0800 555 111."),
        ("به مبلغ ۱۲۵ میلیون پوند فروخت.", "It sold for £125m."),
        ("بازاری به ارزش ۲٫۵ میلیارد دلار.", "A $2.5bn market."),
        ("حدود ۳۰ هزار یورو.", "About €30k."),
        ("در سال‌های ۵۳-۱۹۵۰ ساخته شد.", "It was built in 1950-53."),
        (
            "۳ میلیون و ۲ میلیون نفر.",
            "3 million and 2 million people.",
        ),
        ("۲٬۵۲ میلیون بیننده.", "2.52 million viewers."),
    ] {
        assert_eq!(warnings_or_errors(fa, en), NONE, "{fa} / {en}");
    }
    assert_eq!(
        errors("در ساعت ۷:۳۰ صبح پیدا شد.", "It was found at 7.40am."),
        ["number-missing:30", "number-extra:40"]
    );
    let values =
        |qs: Vec<Quantity>| -> Vec<String> { qs.iter().map(|q| q.value.to_string()).collect() };
    assert_eq!(
        values(extract_english("it rose by 1.7 million four years ago")),
        ["1700000", "4"]
    );
    assert_eq!(
        values(extract_persian("۳ میلیون و ۲ میلیون")),
        ["3000000", "2000000"]
    );
    assert_eq!(
        values(extract_english("two million three hundred thousand")),
        ["2300000"]
    );
}

#[test]
fn unit_conversions_are_verified() {
    let findings = check_pair(
        "خوک ۲۵۰ کیلوگرمی به او حمله کرد.",
        "The 550 pound hog mauled him.",
    );
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].kind, CheckKind::UnitConversion);
    assert_eq!(findings[0].severity, Severity::Info);
    assert!(
        findings[0].message.contains("551 lb"),
        "{}",
        findings[0].message
    );
    for (fa, en) in [
        (
            "بازیکنی با ۱ متر و ۹۸ سانتیمتر قد.",
            "The 6-foot-6 forward.",
        ),
        ("۵۰ تا ۱۰۰ میلیمتر باران.", "2 to 4 inches of rain."),
        ("با سرعت ۱۳۷ کیلومتر بر ساعت.", "At 85 miles per hour."),
        ("در فاصله ۳۲۰ کیلومتری.", "Within 200 miles."),
        (
            "دما ۶ درجه سانتیگراد بالا رفت.",
            "Temperatures rose 11 degrees Fahrenheit.",
        ),
        ("دما به ۳۰ درجه رسید.", "It reached 86F."),
        ("۱۰۰ هکتار جنگل سوخت.", "247 acres of forest burned."),
    ] {
        assert_eq!(warnings_or_errors(fa, en), NONE, "{fa} / {en}");
    }
    let wrong = check_pair("تا ۱۵۰ میلیمتر باران.", "Up to 10 inches of rain.");
    let err = wrong
        .iter()
        .find(|f| f.severity == Severity::Error)
        .map(|f| f.message.clone())
        .unwrap_or_default();
    assert!(
        err.contains("5.91 in") && err.contains("10 inches"),
        "{wrong:#?}"
    );
    // The same figure in another unit is a wrong unit.
    assert_eq!(
        errors("در فاصله ۳۰ متری.", "From 30 yards out."),
        ["wrong-conversion:30m/30yd"]
    );
}

#[test]
fn solar_hijri_dates_with_month_names() {
    for (fa, en) in [
        (
            "در ۱۵ آبان ۱۴۰۳ برگزار شد.",
            "It was held on 5 November 2024.",
        ),
        ("در اول فروردین آمد.", "He came on 21 March."),
        ("در ۲۲ بهمن آمد.", "He came on 22 Bahman."),
        ("در ۲۲ بهمن آمد.", "He came on February 11."),
        ("در ۳۰ مه ۲۰۰۵ آمد.", "He came on May 30, 2005."),
    ] {
        assert_eq!(warnings_or_errors(fa, en), NONE, "{fa} / {en}");
    }
    assert_eq!(
        errors(
            "در ۱۵ آبان ۱۴۰۳ برگزار شد.",
            "It was held on 6 November 2024."
        ),
        ["number-missing:15", "number-extra:6"]
    );
    assert_eq!(
        errors(
            "در ۱۵ آبان ۱۴۰۳ برگزار شد.",
            "It was held on 5 December 2024."
        ),
        ["number-missing:month11", "number-extra:month12"]
    );
}

#[test]
fn latin_names_in_plural_possessive_and_dotted_forms() {
    for (fa, en) in [
        ("تغییر عنوان به MWP", "A change to MWPs"),
        ("طرح‌های Sainsbury", "Sainsbury's plans"),
        ("بودجه AI", "A.I. funding"),
        ("دولت U.S.", "The US government"),
    ] {
        assert_eq!(warnings_or_errors(fa, en), NONE, "{fa}");
    }
}

#[test]
fn source_notices_are_info() {
    let findings = check_pair("او و و برادرش آمدند.", "He and his brother came.");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        (
            findings[0].kind,
            findings[0].severity,
            findings[0].key.as_str()
        ),
        (CheckKind::SourceNotice, Severity::Info, "source-doubled:و")
    );
    let findings = check_pair("او گفت: «ما می‌آییم.", "He said: \"We will come.");
    assert!(
        findings
            .iter()
            .any(|f| f.key == "source-unbalanced:quotes" && f.severity == Severity::Info),
        "{findings:#?}"
    );
    assert_eq!(
        warnings_or_errors("کم کم آمدند.", "They came gradually."),
        NONE
    );
}

#[test]
fn money_is_compared_by_amount_and_currency() {
    // The right amount in any news form: no alarm.
    for (fa, en) in [
        ("به مبلغ ۱۲۵ میلیون پوند فروخت.", "It sold for £125m."),
        (
            "به مبلغ ۱۲۵ میلیون پوند فروخت.",
            "It sold for 125 million pounds.",
        ),
        (
            "به مبلغ ۱۲۵ میلیون پوند استرلینگ فروخت.",
            "It sold for £125 million.",
        ),
        ("بازاری به ارزش ۲٫۵ میلیارد دلار.", "A $2.5bn market."),
        (
            "بازاری به ارزش ۲٫۵ میلیارد دلار.",
            "A US$2.5 billion market.",
        ),
        (
            "بازاری به ارزش ۲٫۵ میلیارد دلار.",
            "A 2.5 billion dollar market.",
        ),
        ("حدود ۳۰ هزار یورو.", "About €30k."),
        ("حدود ۳۰ هزار یورو.", "About 30,000 euros."),
        ("قیمت آن ۴۰ پنس است.", "It costs 40p."),
        ("قیمت آن ۱۲۰ پنس است.", "It costs £1.20."),
        ("قیمت آن ۵۰ سنت است.", "It costs $0.50."),
        // پوند is also a weight: "pounds" in the English is not a currency error.
        (
            "خوکی ۵۵۰ پوندی به او حمله کرد.",
            "A 550lb hog attacked him.",
        ),
        (
            "خوکی ۵۵۰ پوندی به او حمله کرد.",
            "A 550-pound hog attacked him.",
        ),
        // A figure with its currency in the source only is still that figure.
        ("به مبلغ ۱۲۵ میلیون پوند فروخت.", "It sold for 125 million."),
    ] {
        assert_eq!(warnings_or_errors(fa, en), NONE, "{fa} / {en}");
    }
    // A wrong amount is an error, whatever the form.
    assert_eq!(
        errors("به مبلغ ۱۲۵ میلیون پوند فروخت.", "It sold for £12.5m."),
        ["number-missing:125000000", "number-extra:12500000"]
    );
    assert_eq!(
        errors("بازاری به ارزش ۲٫۵ میلیارد دلار.", "A $2.5m market."),
        ["number-missing:2500000000", "number-extra:2500000"]
    );
    assert_eq!(
        errors("قیمت آن ۴۰ پنس است.", "It costs 4p."),
        ["number-missing:40", "number-extra:4"]
    );
    // The right figure in the wrong currency is an error that names both.
    let findings = check_pair("به مبلغ ۱۲۵ میلیون پوند فروخت.", "It sold for $125m.");
    let wrong: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(wrong.len(), 1, "{findings:#?}");
    assert_eq!(wrong[0].key, "currency-change:125000000");
    assert!(
        wrong[0].message.contains("pounds") && wrong[0].message.contains("dollars"),
        "{}",
        wrong[0].message
    );
    for (fa, en, key) in [
        ("حدود ۳۰ هزار یورو.", "About $30k.", "currency-change:30000"),
        (
            "قیمت آن ۴۰ پنس است.",
            "It costs 40 cents.",
            "currency-change:40",
        ),
        (
            "بازاری به ارزش ۲٫۵ میلیارد دلار.",
            "A 2.5 billion pound market.",
            "currency-change:2500000000",
        ),
        (
            "قیمت ۷۰ هزار تومان است.",
            "It costs 70,000 rials.",
            "unit-change:70000",
        ),
    ] {
        assert_eq!(errors(fa, en), [key], "{fa} / {en}");
    }
}
