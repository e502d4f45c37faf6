//! Units of measure after a number, and the check that a conversion between two units is the
//! one news would print.
//!
//! Tolerance (see `docs/QA.md`): a converted value matches when it is within 3% of the exact
//! conversion, or when the exact conversion rounded to the written value's last significant
//! digit gives it, and never beyond 10%. Temperatures match as absolute values (°C × 9/5 + 32)
//! or as differences (a 6 °C rise is an 11 °F rise).

use std::fmt;

use super::super::dec::Dec;
use super::super::text::Tok;

/// What a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    /// Metres.
    Length,
    /// Kilograms.
    Mass,
    /// Degrees Celsius.
    Temperature,
    /// Kilometres per hour.
    Speed,
    /// Litres.
    Volume,
    /// Hectares.
    Area,
}

/// A unit of measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// mm.
    Millimetre,
    /// cm.
    Centimetre,
    /// m.
    Metre,
    /// km.
    Kilometre,
    /// in.
    Inch,
    /// ft.
    Foot,
    /// yd.
    Yard,
    /// mi.
    Mile,
    /// g.
    Gram,
    /// kg.
    Kilogram,
    /// t (metric tonne).
    Tonne,
    /// lb.
    Pound,
    /// Short or long ton: news uses "tons" for both and for tonnes; taken as a tonne ±10%.
    Ton,
    /// °C.
    Celsius,
    /// °F.
    Fahrenheit,
    /// Degrees with no scale named (`reach 80 degrees`): Fahrenheit beside a Celsius figure
    /// (AP style), the same scale beside another unnamed one.
    Degree,
    /// km/h.
    KilometrePerHour,
    /// mph.
    MilePerHour,
    /// l.
    Litre,
    /// US gallon.
    Gallon,
    /// ha.
    Hectare,
    /// acre.
    Acre,
    /// km².
    SquareKilometre,
    /// sq mi.
    SquareMile,
}

impl Unit {
    /// What it measures.
    pub fn dimension(self) -> Dimension {
        use Unit::{
            Acre, Celsius, Centimetre, Degree, Fahrenheit, Foot, Gallon, Gram, Hectare, Inch,
            Kilogram, Kilometre, KilometrePerHour, Litre, Metre, Mile, MilePerHour, Millimetre,
            Pound, SquareKilometre, SquareMile, Ton, Tonne, Yard,
        };
        match self {
            Millimetre | Centimetre | Metre | Kilometre | Inch | Foot | Yard | Mile => {
                Dimension::Length
            }
            Gram | Kilogram | Tonne | Pound | Ton => Dimension::Mass,
            Celsius | Fahrenheit | Degree => Dimension::Temperature,
            KilometrePerHour | MilePerHour => Dimension::Speed,
            Litre | Gallon => Dimension::Volume,
            Hectare | Acre | SquareKilometre | SquareMile => Dimension::Area,
        }
    }

    /// Size in the dimension's base unit (m, kg, km/h, l, ha); temperatures are handled apart.
    fn factor(self) -> f64 {
        match self {
            Unit::Millimetre | Unit::Gram => 0.001,
            Unit::Centimetre => 0.01,
            // Temperatures are converted apart (an offset, not a factor).
            Unit::Metre
            | Unit::Kilogram
            | Unit::KilometrePerHour
            | Unit::Litre
            | Unit::Hectare
            | Unit::Celsius
            | Unit::Fahrenheit
            | Unit::Degree => 1.0,
            Unit::Kilometre | Unit::Tonne | Unit::Ton => 1000.0,
            Unit::Inch => 0.0254,
            Unit::Foot => 0.3048,
            Unit::Yard => 0.9144,
            Unit::Mile => 1609.344,
            Unit::Pound => 0.453_592_37,
            Unit::MilePerHour => 1.609_344,
            Unit::Gallon => 3.785_411_784,
            Unit::Acre => 0.404_685_642_2,
            Unit::SquareKilometre => 100.0,
            Unit::SquareMile => 258.998_811,
        }
    }

    /// The short symbol used in messages.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Millimetre => "mm",
            Unit::Centimetre => "cm",
            Unit::Metre => "m",
            Unit::Kilometre => "km",
            Unit::Inch => "in",
            Unit::Foot => "ft",
            Unit::Yard => "yd",
            Unit::Mile => "miles",
            Unit::Gram => "g",
            Unit::Kilogram => "kg",
            Unit::Tonne => "t",
            Unit::Pound => "lb",
            Unit::Ton => "tons",
            Unit::Celsius => "°C",
            Unit::Fahrenheit => "°F",
            Unit::Degree => "°",
            Unit::KilometrePerHour => "km/h",
            Unit::MilePerHour => "mph",
            Unit::Litre => "l",
            Unit::Gallon => "gallons",
            Unit::Hectare => "ha",
            Unit::Acre => "acres",
            Unit::SquareKilometre => "km²",
            Unit::SquareMile => "sq mi",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// `value` in `from` expressed in `to` (same dimension), as absolute values.
pub fn convert(value: f64, from: Unit, to: Unit) -> f64 {
    match named(from, to) {
        (Unit::Celsius, Unit::Fahrenheit) => value * 9.0 / 5.0 + 32.0,
        (Unit::Fahrenheit, Unit::Celsius) => (value - 32.0) * 5.0 / 9.0,
        _ => value * from.factor() / to.factor(),
    }
}

/// The place of a written value's last significant digit: 550 → 10, 5.9 → 0.1, 200 → 100.
fn rounding_step(written: Dec) -> f64 {
    let text = written.to_string();
    if let Some((_, frac)) = text.split_once('.') {
        return 10f64.powi(-i32::try_from(frac.len()).unwrap_or(0));
    }
    let zeros = text.len() - text.trim_end_matches('0').len();
    if text == "0" {
        1.0
    } else {
        10f64.powi(i32::try_from(zeros).unwrap_or(0))
    }
}

/// True if `exact` (a conversion) may be printed as `written`.
fn rounds_to(exact: f64, written: Dec) -> bool {
    let w = written.to_f64();
    let diff = (exact - w).abs();
    let scale = exact.abs().max(w.abs());
    if scale < f64::MIN_POSITIVE {
        return true;
    }
    let rel = diff / scale;
    rel <= 0.10 && (rel <= 0.03 || diff <= rounding_step(written) / 2.0 + 1e-9)
}

/// True if `a` in `ua` and `b` in `ub` are the same measure, one converted from the other.
/// Degrees with no scale named read as the other scale of a named one (`27 °C` / `80
/// degrees` is Celsius to Fahrenheit), so an unnamed figure is compared as a conversion.
fn named(ua: Unit, ub: Unit) -> (Unit, Unit) {
    let other = |u: Unit| match u {
        Unit::Celsius => Unit::Fahrenheit,
        Unit::Fahrenheit => Unit::Celsius,
        u => u,
    };
    match (ua, ub) {
        (Unit::Degree, Unit::Degree) => (Unit::Celsius, Unit::Celsius),
        (Unit::Degree, u) => (other(u), u),
        (u, Unit::Degree) => (u, other(u)),
        pair => pair,
    }
}

pub fn converts(a: Dec, ua: Unit, b: Dec, ub: Unit) -> bool {
    if ua.dimension() != ub.dimension() {
        return false;
    }
    // `30 °C` / `30 degrees`: the same figure on the scale left unnamed.
    if a == b && (ua == Unit::Degree || ub == Unit::Degree) {
        return true;
    }
    let (ua, ub) = named(ua, ub);
    // The same figure with another unit is a wrong unit, not a conversion (30 m / 30 yards),
    // unless the units are about the same size (tonnes and tons).
    if a == b && ua != ub {
        let ratio = ua.factor() / ub.factor();
        return ua.dimension() != Dimension::Temperature && (ratio - 1.0).abs() <= 0.02;
    }
    let (af, bf) = (a.to_f64(), b.to_f64());
    let absolute = rounds_to(convert(af, ua, ub), b) || rounds_to(convert(bf, ub, ua), a);
    let difference = ua.dimension() == Dimension::Temperature
        && ua != ub
        && (rounds_to(af * ua_scale(ua, ub), b) || rounds_to(bf * ua_scale(ub, ua), a));
    absolute || difference
}

/// Degrees of `to` per degree of `from`, for temperature differences.
fn ua_scale(from: Unit, to: Unit) -> f64 {
    match (from, to) {
        (Unit::Celsius, Unit::Fahrenheit) => 9.0 / 5.0,
        (Unit::Fahrenheit, Unit::Celsius) => 5.0 / 9.0,
        _ => 1.0,
    }
}

/// The expected value of `a` in `ua` expressed in `ub`, for messages (`≈ 551`).
pub fn describe_conversion(a: Dec, ua: Unit, ub: Unit) -> String {
    let (ua, ub) = named(ua, ub);
    let v = convert(a.to_f64(), ua, ub);
    let digits = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    format!("{s} {ub}")
}

/// Persian unit words after a number; returns the unit and the tokens it takes.
pub fn persian_unit(toks: &[Tok], i: usize) -> Option<(Unit, usize)> {
    let word = |k: usize| toks.get(k).and_then(Tok::word);
    let w = word(i)?;
    // An adjective ending ی (۳۰ متری، ۲۵۰ کیلوگرمی، ۲۹۰ کیلویی) is the same unit.
    let base = w
        .strip_suffix("یی")
        .filter(|b| *b == "کیلو")
        .or_else(|| w.strip_suffix('ی').filter(|b| b.len() > 2))
        .unwrap_or(w);
    let (unit, mut len) = match base {
        "میلیمتر" => (Unit::Millimetre, 1),
        "سانتیمتر" | "سانت" => (Unit::Centimetre, 1),
        "میلی" if word(i + 1) == Some("متر") => (Unit::Millimetre, 2),
        "سانتی" if word(i + 1) == Some("متر") => (Unit::Centimetre, 2),
        "متر" => (Unit::Metre, 1),
        "کیلومتر" => (Unit::Kilometre, 1),
        "کیلو" if word(i + 1) == Some("متر") => (Unit::Kilometre, 2),
        "اینچ" => (Unit::Inch, 1),
        "فوت" => (Unit::Foot, 1),
        "یارد" => (Unit::Yard, 1),
        "مایل" => (Unit::Mile, 1),
        "گرم" => (Unit::Gram, 1),
        "کیلوگرم" | "کیلو" => (Unit::Kilogram, 1),
        "تن" => (Unit::Tonne, 1),
        "لیتر" => (Unit::Litre, 1),
        "گالن" => (Unit::Gallon, 1),
        // A jarib is a hectare in today's usage.
        "هکتار" | "جریب" => (Unit::Hectare, 1),
        "ایکر" | "آکر" => (Unit::Acre, 1),
        "درجه" => match word(i + 1) {
            Some("فارنهایت") => (Unit::Fahrenheit, 2),
            Some("سانتیگراد" | "سلسیوس") => (Unit::Celsius, 2),
            // A bare degree in Persian news is Celsius.
            _ => (Unit::Celsius, 1),
        },
        _ => return None,
    };
    // کیلومتر بر/در ساعت, مایل در ساعت
    if matches!(unit, Unit::Kilometre | Unit::Mile)
        && matches!(word(i + len), Some("بر" | "در"))
        && word(i + len + 1) == Some("ساعت")
    {
        len += 2;
        let speed = if unit == Unit::Mile {
            Unit::MilePerHour
        } else {
            Unit::KilometrePerHour
        };
        return Some((speed, len));
    }
    if matches!(unit, Unit::Kilometre | Unit::Mile) && word(i + len) == Some("مربع") {
        let area = if unit == Unit::Mile {
            Unit::SquareMile
        } else {
            Unit::SquareKilometre
        };
        return Some((area, len + 1));
    }
    Some((unit, len))
}

/// English unit words or symbols after a number (`km`, `-foot`, `miles per hour`, `°C`).
pub fn english_unit(toks: &[Tok], i: usize) -> Option<(Unit, usize)> {
    let hyphen = usize::from(
        toks.get(i).is_some_and(|t| t.is_sym('-')) && toks.get(i + 1).is_some_and(Tok::attached),
    );
    let j = i + hyphen;
    let word = |k: usize| toks.get(k).and_then(Tok::word);
    let glued = toks.get(j).is_some_and(Tok::attached);
    // °C, ° F, degrees Celsius
    if toks.get(j).is_some_and(|t| t.is_sym('°')) {
        return match word(j + 1) {
            Some("c" | "celsius" | "centigrade") => Some((Unit::Celsius, hyphen + 2)),
            Some("f" | "fahrenheit") => Some((Unit::Fahrenheit, hyphen + 2)),
            _ => None,
        };
    }
    let w = word(j)?;
    let (unit, len) = match w {
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => (Unit::Millimetre, 1),
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => (Unit::Centimetre, 1),
        "metre" | "metres" | "meter" | "meters" => (Unit::Metre, 1),
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => (Unit::Kilometre, 1),
        "in" if glued => (Unit::Inch, 1),
        "inch" | "inches" => (Unit::Inch, 1),
        "ft" | "foot" | "feet" => (Unit::Foot, 1),
        "yard" | "yards" | "yd" | "yds" => (Unit::Yard, 1),
        "mile" | "miles" | "mi" => (Unit::Mile, 1),
        "mph" => (Unit::MilePerHour, 1),
        "kph" | "kmh" => (Unit::KilometrePerHour, 1),
        "g" if glued => (Unit::Gram, 1),
        "gram" | "grams" => (Unit::Gram, 1),
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => (Unit::Kilogram, 1),
        "tonne" | "tonnes" => (Unit::Tonne, 1),
        "ton" | "tons" => (Unit::Ton, 1),
        "lb" | "lbs" | "pound" | "pounds" => (Unit::Pound, 1),
        "litre" | "litres" | "liter" | "liters" => (Unit::Litre, 1),
        "gallon" | "gallons" => (Unit::Gallon, 1),
        "hectare" | "hectares" | "ha" => (Unit::Hectare, 1),
        "acre" | "acres" => (Unit::Acre, 1),
        "degree" | "degrees" => match word(j + 1) {
            Some("fahrenheit" | "f") => (Unit::Fahrenheit, 2),
            Some("celsius" | "centigrade" | "c") => (Unit::Celsius, 2),
            _ => (Unit::Degree, 1),
        },
        "c" if glued => (Unit::Celsius, 1),
        "f" if glued => (Unit::Fahrenheit, 1),
        "square" => match word(j + 1) {
            Some("mile" | "miles") => (Unit::SquareMile, 2),
            Some("kilometre" | "kilometres" | "kilometer" | "kilometers" | "km") => {
                (Unit::SquareKilometre, 2)
            }
            _ => return None,
        },
        _ => return None,
    };
    let mut len = hyphen + len;
    // miles per hour, miles an hour, km/h, kilometres per hour
    if matches!(unit, Unit::Mile | Unit::Kilometre) {
        let per = match (word(i + len), word(i + len + 1)) {
            (Some("per" | "an" | "a"), Some("hour")) => 2,
            _ if toks.get(i + len).is_some_and(|t| t.is_sym('/'))
                && word(i + len + 1) == Some("h") =>
            {
                2
            }
            _ => 0,
        };
        if per > 0 {
            len += per;
            let speed = if unit == Unit::Mile {
                Unit::MilePerHour
            } else {
                Unit::KilometrePerHour
            };
            return Some((speed, len));
        }
    }
    Some((unit, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap_or_default()
    }

    #[test]
    fn news_conversions_match() {
        assert!(converts(d("250"), Unit::Kilogram, d("550"), Unit::Pound));
        assert!(converts(d("290"), Unit::Kilogram, d("650"), Unit::Pound));
        assert!(converts(d("320"), Unit::Kilometre, d("200"), Unit::Mile));
        assert!(converts(
            d("137"),
            Unit::KilometrePerHour,
            d("85"),
            Unit::MilePerHour
        ));
        assert!(converts(d("150"), Unit::Millimetre, d("6"), Unit::Inch));
        assert!(converts(d("25"), Unit::Millimetre, d("1"), Unit::Inch));
        assert!(converts(d("198"), Unit::Centimetre, d("78"), Unit::Inch));
        assert!(converts(d("30"), Unit::Celsius, d("86"), Unit::Fahrenheit));
        // A 6 °C rise is an 11 °F rise.
        assert!(converts(d("6"), Unit::Celsius, d("11"), Unit::Fahrenheit));
        assert!(converts(d("100"), Unit::Hectare, d("247"), Unit::Acre));
        assert!(converts(d("10"), Unit::Litre, d("2.6"), Unit::Gallon));
    }

    #[test]
    fn wrong_conversions_and_units_do_not() {
        assert!(!converts(d("150"), Unit::Millimetre, d("10"), Unit::Inch));
        assert!(!converts(d("30"), Unit::Metre, d("30"), Unit::Yard));
        assert!(!converts(d("100"), Unit::Mile, d("100"), Unit::Kilometre));
        assert!(!converts(d("250"), Unit::Kilogram, d("500"), Unit::Pound));
        assert!(!converts(d("5"), Unit::Kilogram, d("5"), Unit::Metre));
        assert_eq!(
            describe_conversion(d("250"), Unit::Kilogram, Unit::Pound),
            "551 lb"
        );
        assert_eq!(
            describe_conversion(d("150"), Unit::Millimetre, Unit::Inch),
            "5.91 in"
        );
    }
}
