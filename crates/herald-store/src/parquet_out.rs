//! Parquet export (cargo feature `parquet`): one row per event, the columns
//! of the CSV export plus `day` as a Parquet DATE, so DuckDB and pandas read
//! it as is. Written with the parquet crate's column writers (no Arrow).

use std::io::Write;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::query::{mentions, EventRow};

const SCHEMA: &str = "message herald_event {
    REQUIRED INT64 id;
    OPTIONAL INT32 day (DATE);
    OPTIONAL BYTE_ARRAY date (UTF8);
    REQUIRED BYTE_ARRAY source (UTF8);
    OPTIONAL BYTE_ARRAY target (UTF8);
    REQUIRED BYTE_ARRAY cameo (UTF8);
    REQUIRED BYTE_ARRAY root (UTF8);
    OPTIONAL BYTE_ARRAY plover (UTF8);
    OPTIONAL BYTE_ARRAY mode (UTF8);
    OPTIONAL INT32 quad_class;
    OPTIONAL DOUBLE goldstein;
    OPTIONAL BYTE_ARRAY place (UTF8);
    OPTIONAL BYTE_ARRAY place_country (UTF8);
    OPTIONAL DOUBLE lat;
    OPTIONAL DOUBLE lon;
    REQUIRED INT64 mentions;
    REQUIRED INT64 sources;
    REQUIRED INT64 articles;
    OPTIONAL BYTE_ARRAY evidence (UTF8);
    OPTIONAL BYTE_ARRAY url (UTF8);
}";

enum Col {
    I64(Vec<i64>),
    OptI32(Vec<Option<i32>>),
    OptF64(Vec<Option<f64>>),
    Str(Vec<String>),
    OptStr(Vec<Option<String>>),
}

fn err(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("parquet: {e}"))
}

/// Write events as one Parquet file.
pub fn write_parquet<W: Write + Send>(conn: &rusqlite::Connection, events: &[EventRow], w: W) -> std::io::Result<()> {
    let mut evidence = Vec::with_capacity(events.len());
    let mut urls = Vec::with_capacity(events.len());
    for e in events {
        let ms = mentions(conn, e.id).map_err(std::io::Error::other)?;
        evidence.push(ms.first().map(|m| m.text.clone()));
        urls.push(ms.first().and_then(|m| m.url.clone()));
    }
    let opt = |s: &Option<String>| s.clone();
    let day = |e: &EventRow| e.date.as_deref().and_then(herald_core::DateValue::parse).map(|d| d.date.to_days() as i32);
    let cols: Vec<Col> = vec![
        Col::I64(events.iter().map(|e| e.id).collect()),
        Col::OptI32(events.iter().map(day).collect()),
        Col::OptStr(events.iter().map(|e| opt(&e.date)).collect()),
        Col::Str(events.iter().map(|e| e.source.clone()).collect()),
        Col::OptStr(events.iter().map(|e| (!e.target.is_empty()).then(|| e.target.clone())).collect()),
        Col::Str(events.iter().map(|e| e.cameo.clone()).collect()),
        Col::Str(events.iter().map(|e| e.root.clone()).collect()),
        Col::OptStr(events.iter().map(|e| opt(&e.plover)).collect()),
        Col::OptStr(events.iter().map(|e| opt(&e.mode)).collect()),
        Col::OptI32(events.iter().map(|e| e.quad_class.map(|q| q as i32)).collect()),
        Col::OptF64(events.iter().map(|e| e.goldstein).collect()),
        Col::OptStr(events.iter().map(|e| opt(&e.place_name)).collect()),
        Col::OptStr(events.iter().map(|e| opt(&e.place_country)).collect()),
        Col::OptF64(events.iter().map(|e| e.lat).collect()),
        Col::OptF64(events.iter().map(|e| e.lon).collect()),
        Col::I64(events.iter().map(|e| e.n_mentions).collect()),
        Col::I64(events.iter().map(|e| e.n_sources).collect()),
        Col::I64(events.iter().map(|e| e.n_articles).collect()),
        Col::OptStr(evidence),
        Col::OptStr(urls),
    ];
    let schema = Arc::new(parse_message_type(SCHEMA).map_err(err)?);
    let props = Arc::new(WriterProperties::builder().set_compression(Compression::UNCOMPRESSED).build());
    let mut writer = SerializedFileWriter::new(w, schema, props).map_err(err)?;
    let mut rg = writer.next_row_group().map_err(err)?;
    let mut i = 0;
    while let Some(mut cw) = rg.next_column().map_err(err)? {
        let col = cols.get(i).ok_or_else(|| err("schema and columns disagree"))?;
        match col {
            Col::I64(v) => {
                cw.typed::<Int64Type>().write_batch(v, None, None).map_err(err)?;
            }
            Col::OptI32(v) => {
                let vals: Vec<i32> = v.iter().flatten().copied().collect();
                let def: Vec<i16> = v.iter().map(|x| i16::from(x.is_some())).collect();
                cw.typed::<Int32Type>().write_batch(&vals, Some(&def), None).map_err(err)?;
            }
            Col::OptF64(v) => {
                let vals: Vec<f64> = v.iter().flatten().copied().collect();
                let def: Vec<i16> = v.iter().map(|x| i16::from(x.is_some())).collect();
                cw.typed::<DoubleType>().write_batch(&vals, Some(&def), None).map_err(err)?;
            }
            Col::Str(v) => {
                let vals: Vec<ByteArray> = v.iter().map(|s| ByteArray::from(s.as_str())).collect();
                cw.typed::<ByteArrayType>().write_batch(&vals, None, None).map_err(err)?;
            }
            Col::OptStr(v) => {
                let vals: Vec<ByteArray> = v.iter().flatten().map(|s| ByteArray::from(s.as_str())).collect();
                let def: Vec<i16> = v.iter().map(|x| i16::from(x.is_some())).collect();
                cw.typed::<ByteArrayType>().write_batch(&vals, Some(&def), None).map_err(err)?;
            }
        }
        cw.close().map_err(err)?;
        i += 1;
    }
    rg.close().map_err(err)?;
    writer.close().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{events, Filter};
    use crate::tests::{doc, mention};
    use crate::Store;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;

    #[test]
    fn reads_back() {
        let mut s = Store::open_in_memory().unwrap();
        let mut m = mention("RUSGOV", "PRKGOV", "041", "2025-08-12", Some("RUS"));
        m.quad_class = Some(1);
        m.text = "Putin, \"quoted\", called Kim.".into();
        s.write_batch(&[doc("a", "Reuters", vec![m]), doc("b", "AP", vec![mention("IGOUNO", "", "010", "2025-01-01", None)])], 1).unwrap();
        let evs = events(s.conn(), &Filter::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.parquet");
        write_parquet(s.conn(), &evs, std::fs::File::create(&path).unwrap()).unwrap();
        let r = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(r.metadata().file_metadata().num_rows(), 2);
        let rows: Vec<_> = r.get_row_iter(None).unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(rows[1].get_string(3).unwrap(), "RUSGOV");
        assert_eq!(rows[1].get_string(4).unwrap(), "PRKGOV");
        assert_eq!(rows[1].get_int(9).unwrap(), 1);
        assert_eq!(rows[1].get_long(15).unwrap(), 1);
        assert_eq!(rows[1].get_string(18).unwrap(), "Putin, \"quoted\", called Kim.");
        assert!(rows[0].get_string(4).is_err(), "no target is null");
    }
}
