//! Print the document model of a page (debugging aid): `cargo run --example dump -- PAGE`.
fn main() {
    for arg in std::env::args().skip(1) {
        match generator::ingest::read_file(std::path::Path::new(&arg), &arg) {
            Ok((doc, _)) => {
                for n in &doc.nodes {
                    match &n.kind {
                        generator::ingest::NodeKind::Table(t) => {
                            println!(
                                "{:?} TABLE {:?} {:?} anchors={:?} header={:?} rows={}",
                                n.line,
                                t.label,
                                t.caption,
                                t.anchors,
                                t.header.iter().map(|c| c.text()).collect::<Vec<_>>(),
                                t.rows.len()
                            );
                            for r in &t.rows {
                                println!(
                                    "    {:?} {:?}",
                                    r.line,
                                    r.cells
                                        .iter()
                                        .map(|c| c.text().chars().take(50).collect::<String>())
                                        .collect::<Vec<_>>()
                                );
                            }
                        }
                        k => println!("{:?} {}", n.line, format!("{k:?}").chars().take(150).collect::<String>()),
                    }
                }
            }
            Err(d) => eprintln!("{d}"),
        }
    }
}
