//! CSV export: headers, RFC 4180 quoting, formula escaping, and the list's filters.

use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

async fn export(
    app: &TestApp,
    token: &str,
    query: &str,
) -> (reqwest::header::HeaderMap, Vec<csv::StringRecord>) {
    let res = app
        .client
        .get(app.url(&format!("/api/leads/export/?{query}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    (headers, reader.records().map(Result::unwrap).collect())
}

both_backends!(
    export_is_an_attachment_with_the_documented_columns,
    cells_are_quoted_per_rfc_4180,
    formula_cells_are_neutralised,
    export_applies_the_lists_filters_search_and_ordering,
    a_large_export_streams_every_row
);

async fn export_is_an_attachment_with_the_documented_columns(app: TestApp) {
    let token = app.agent().await;
    app.lead(
        &token,
        json!({
            "first_name": "Wanjiku", "last_name": "Kamau", "estimated_value": "1500000",
            "assigned_to": app.agent_id, "phone": "0712345678"
        }),
    )
    .await;
    let (headers, rows) = export(&app, &token, "").await;
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let disposition = headers["content-disposition"].to_str().unwrap();
    let today = chrono::Utc::now().format("%Y-%m-%d");
    assert_eq!(
        disposition,
        format!("attachment; filename=\"leads-{today}.csv\"")
    );
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            "id",
            "first_name",
            "last_name",
            "company",
            "title",
            "email",
            "phone",
            "status",
            "priority",
            "estimated_value",
            "source",
            "assigned_to",
            "created_at",
            "updated_at"
        ]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][1], "Wanjiku");
    assert_eq!(
        &rows[1][6], "'+254712345678",
        "a leading + is escaped like any formula start"
    );
    assert_eq!(&rows[1][8], "medium");
    assert_eq!(&rows[1][9], "1500000.00");
    assert_eq!(&rows[1][11], "agent", "assigned_to as username");
}

async fn cells_are_quoted_per_rfc_4180(app: TestApp) {
    let token = app.agent().await;
    let company = "Mama \"Mboga\", Ltd\nNairobi";
    app.lead(
        &token,
        json!({"first_name": "Njeri", "company": company, "description": "x"}),
    )
    .await;
    let res = app
        .client
        .get(app.url("/api/leads/export/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let text = res.text().await.unwrap();
    assert!(
        text.contains("\"Mama \"\"Mboga\"\", Ltd\nNairobi\""),
        "{text}"
    );
    assert!(text.contains("\r\n"), "CRLF line ends");
    let (_, rows) = export(&app, &token, "").await;
    assert_eq!(
        &rows[1][3], company,
        "a CSV reader gets the exact text back"
    );
}

async fn formula_cells_are_neutralised(app: TestApp) {
    let token = app.agent().await;
    for (first, last) in [
        ("=HYPERLINK(\"x\")", "+1"),
        ("@SUM(A1)", "-2"),
        ("\tTab", "plain"),
    ] {
        app.lead(
            &token,
            json!({"first_name": first, "last_name": last, "title": first}),
        )
        .await;
    }
    let (_, rows) = export(&app, &token, "ordering=created_at").await;
    assert_eq!(&rows[1][1], "'=HYPERLINK(\"x\")");
    assert_eq!(&rows[1][2], "'+1");
    assert_eq!(&rows[2][1], "'@SUM(A1)");
    assert_eq!(&rows[2][2], "'-2");
    assert_eq!(
        &rows[3][4], "Tab",
        "text is trimmed, so a leading tab cannot reach a cell"
    );
    assert_eq!(&rows[3][2], "plain");
}

async fn export_applies_the_lists_filters_search_and_ordering(app: TestApp) {
    let token = app.agent().await;
    for (name, status, value) in [
        ("Amina", "new", "10"),
        ("Baraka", "qualified", "30"),
        ("Chebet", "new", "20"),
        ("Amani", "lost", "40"),
    ] {
        app.lead(
            &token,
            json!({"first_name": name, "status": status, "estimated_value": value}),
        )
        .await;
    }
    for query in [
        "status=new,lost&ordering=-estimated_value",
        "search=am",
        "ordering=first_name",
        "min_value=15&ordering=estimated_value",
    ] {
        let (_, page) = app.get(&format!("/api/leads/?{query}"), &token).await;
        let want: Vec<String> = page["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["id"].to_string())
            .collect();
        let (_, rows) = export(&app, &token, query).await;
        let got: Vec<String> = rows[1..].iter().map(|r| r[0].to_string()).collect();
        assert_eq!(got, want, "{query}");
    }
    let res = app
        .client
        .get(app.url("/api/leads/export/?status=won"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .client
        .get(app.url("/api/leads/export/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn a_large_export_streams_every_row(app: TestApp) {
    let manager = crm::db::users::get(&app.db.conn, app.manager_id)
        .await
        .unwrap()
        .unwrap()
        .actor();
    let changes = crm::domain::lead::LeadChanges {
        first_name: Some("Bulk".into()),
        ..Default::default()
    };
    for _ in 0..1200 {
        crm::db::leads::create(&app.db, &manager, &changes)
            .await
            .unwrap();
    }
    let (_, rows) = export(&app, &app.agent().await, "").await;
    assert_eq!(rows.len(), 1201);
    let mut ids: Vec<i64> = rows[1..].iter().map(|r| r[0].parse().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 1200);
}

both_backends!(a_compressed_export_streams_to_the_end);

async fn a_compressed_export_streams_to_the_end(app: TestApp) {
    let token = app.agent().await;
    for i in 0..300 {
        app.lead(&token, json!({"first_name": format!("Gzip {i}")}))
            .await;
    }
    let res = app
        .client
        .get(app.url("/api/leads/export/"))
        .bearer_auth(&token)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let body = res
        .bytes()
        .await
        .expect("the whole compressed body arrives");
    assert!(body.len() > 100);
}
