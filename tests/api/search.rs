//! Search finds what people type: phone numbers in digit groups, leads by their contacts,
//! and the global search over leads, contacts and notes (`/api/search/`).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    digit_groups_separated_by_spaces_dashes_or_dots_are_one_number,
    the_export_finds_the_number_like_the_list,
    a_lead_is_found_by_its_contacts_names_emails_and_phones,
    the_global_search_gives_the_newest_five_of_each_kind_as_the_lists_show_them,
    notes_are_found_by_their_content_and_follow_edits_and_deletes,
    the_global_search_needs_a_token_and_a_query
);

/// `text` as a query string value: spaces and `+` (which would read as a space) escaped.
fn encode(text: &str) -> String {
    text.replace('%', "%25")
        .replace(' ', "%20")
        .replace('+', "%2B")
        .replace('&', "%26")
        .replace('@', "%40")
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect()
}

/// The ids of the leads `?search=text` lists.
async fn listed(app: &TestApp, token: &str, text: &str) -> Vec<i64> {
    let (status, page) = app
        .get(&format!("/api/leads/?search={}", encode(text)), token)
        .await;
    assert_eq!(status, StatusCode::OK, "{text}: {page}");
    assert_eq!(page["count"], page["results"].as_array().unwrap().len());
    ids(&page["results"])
}

async fn global(app: &TestApp, token: &str, text: &str) -> Value {
    let (status, body) = app
        .get(&format!("/api/search/?q={}", encode(text)), token)
        .await;
    assert_eq!(status, StatusCode::OK, "{text}: {body}");
    body
}

async fn contact(app: &TestApp, token: &str, lead: &Value, body: Value) -> Value {
    let mut body = body;
    body["lead"] = lead["id"].clone();
    let (status, contact) = app.post("/api/contacts/", token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    contact
}

async fn note(app: &TestApp, token: &str, lead: &Value, content: &str) -> Value {
    let body = json!({"lead": lead["id"], "content": content});
    let (status, note) = app.post("/api/notes/", token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{note}");
    note
}

async fn digit_groups_separated_by_spaces_dashes_or_dots_are_one_number(app: TestApp) {
    let token = app.agent().await;
    let w = app
        .lead(
            &token,
            json!({"first_name": "Wanjiku", "phone": "+254712345678"}),
        )
        .await;
    let o = app
        .lead(
            &token,
            json!({"first_name": "Otieno", "phone": "0733 111 222",
                   "description": "Site visit 2024-05-01, order 345"}),
        )
        .await;
    let (w, o) = (w["id"].as_i64().unwrap(), o["id"].as_i64().unwrap());
    let cases: Vec<(&str, Vec<i64>)> = vec![
        ("0712 345 678", vec![w]),
        ("0712-345-678", vec![w]),
        ("0712.345.678", vec![w]),
        ("+254 712 345 678", vec![w]),
        ("+254-712-345-678", vec![w]),
        ("(0712) 345 678", vec![w]),
        ("712 345 678", vec![w]),
        ("0712 345", vec![w]),
        ("wanjiku 0712 345 678", vec![w]),
        ("0733 111 222", vec![o]),
        ("0712 345 679", vec![]),
        ("otieno 0712 345 678", vec![]),
        // Groups that are not one number still match one by one, as before.
        ("2024 05 01", vec![o]),
        ("visit 2024-05", vec![o]),
    ];
    for (text, want) in cases {
        assert_eq!(listed(&app, &token, text).await, want, "search={text}");
        assert_eq!(
            ids(&global(&app, &token, text).await["leads"]),
            want,
            "q={text}"
        );
    }
}

async fn the_export_finds_the_number_like_the_list(app: TestApp) {
    let token = app.manager().await;
    app.lead(
        &token,
        json!({"first_name": "Wanjiku", "phone": "0712345678"}),
    )
    .await;
    app.lead(
        &token,
        json!({"first_name": "Otieno", "phone": "0733111222"}),
    )
    .await;
    let res = app
        .client
        .get(app.url("/api/leads/export/?search=0712%20345%20678"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 2, "a header and one lead: {text}");
    assert!(
        rows[1].contains("Wanjiku") && !text.contains("Otieno"),
        "{text}"
    );
}

async fn a_lead_is_found_by_its_contacts_names_emails_and_phones(app: TestApp) {
    let token = app.agent().await;
    let acme = app
        .lead(
            &token,
            json!({"first_name": "Peter", "company": "Acme Ltd"}),
        )
        .await;
    let other = app
        .lead(
            &token,
            json!({"first_name": "Njeri", "company": "Twiga Foods"}),
        )
        .await;
    contact(
        &app,
        &token,
        &acme,
        json!({"first_name": "Grace", "last_name": "Wambui", "email": "grace@jenga.co.ke",
               "phone": "0722 000 111", "position": "Buyer"}),
    )
    .await;
    let second = contact(
        &app,
        &token,
        &acme,
        json!({"first_name": "Peter", "last_name": "Kariuki", "phone": "0711 222 333"}),
    )
    .await;
    let acme_id = acme["id"].as_i64().unwrap();
    for text in [
        "wambui",
        "grace wamb",
        "grace@jenga.co.ke",
        "jenga",
        "0722 000 111",
        "0711 222 333",
        "+254711222333",
        "kariuki",
        "acme",
    ] {
        assert_eq!(listed(&app, &token, text).await, vec![acme_id], "{text}");
    }
    // Matching the lead and one of its contacts still lists the lead once.
    assert_eq!(listed(&app, &token, "peter").await, vec![acme_id]);
    assert_eq!(
        listed(&app, &token, "twiga").await,
        vec![other["id"].as_i64().unwrap()]
    );
    // The words may fall on the lead and on different contacts of it.
    assert_eq!(
        listed(&app, &token, "acme grace kariuki").await,
        vec![acme_id]
    );
    assert!(listed(&app, &token, "twiga grace").await.is_empty());

    let path = format!("/api/contacts/{}/", second["id"]);
    let (status, _) = app
        .patch(
            &path,
            &token,
            json!({"last_name": "Mwangi", "phone": "0700 999 888"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(listed(&app, &token, "kariuki").await.is_empty());
    assert!(listed(&app, &token, "0711 222 333").await.is_empty());
    assert_eq!(listed(&app, &token, "0700 999 888").await, vec![acme_id]);
    let manager = app.manager().await;
    let (status, _) = app.delete(&path, &manager).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(listed(&app, &token, "mwangi").await.is_empty());
    assert_eq!(listed(&app, &token, "wambui").await, vec![acme_id]);
}

async fn the_global_search_gives_the_newest_five_of_each_kind_as_the_lists_show_them(app: TestApp) {
    let token = app.agent().await;
    let mut leads = Vec::new();
    let (mut contacts, mut notes) = (Vec::new(), Vec::new());
    for i in 0..7 {
        let lead = app
            .lead(
                &token,
                json!({"first_name": "Kiprono", "last_name": format!("N{i}")}),
            )
            .await;
        contacts.push(contact(&app, &token, &lead, json!({"first_name": "Chelimo"})).await);
        notes.push(note(&app, &token, &lead, &format!("Chelimo asked for quote {i}")).await);
        leads.push(lead);
    }
    app.lead(&token, json!({"first_name": "Unrelated"})).await;
    let newest = |items: &[Value]| -> Vec<i64> {
        items
            .iter()
            .rev()
            .take(5)
            .map(|v| v["id"].as_i64().unwrap())
            .collect()
    };
    let body = global(&app, &token, "kiprono").await;
    let mut keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["contacts", "leads", "notes"]);
    assert_eq!(ids(&body["leads"]), newest(&leads));
    assert!(ids(&body["contacts"]).is_empty() && ids(&body["notes"]).is_empty());

    // The contacts' name finds them, their leads (through them) and the notes naming them.
    let body = global(&app, &token, "chelimo").await;
    assert_eq!(ids(&body["leads"]), newest(&leads));
    assert_eq!(ids(&body["contacts"]), newest(&contacts));
    assert_eq!(ids(&body["notes"]), newest(&notes));

    // Each item is exactly what its list shows.
    let (_, page) = app.get("/api/leads/?search=chelimo", &token).await;
    assert_eq!(page["count"], 7);
    assert_eq!(body["leads"][0], page["results"][0]);
    let (_, page) = app.get("/api/contacts/?search=chelimo", &token).await;
    assert_eq!(body["contacts"][0], page["results"][0]);
    let (_, page) = app.get("/api/notes/", &token).await;
    assert_eq!(body["notes"][0], page["results"][0]);
    assert_eq!(body["leads"][0]["contacts_count"], 1);
    assert_eq!(body["leads"][0]["primary_contact"]["first_name"], "Chelimo");

    let body = global(&app, &token, "quote 3").await;
    assert_eq!(ids(&body["notes"]), vec![notes[3]["id"].as_i64().unwrap()]);
    assert!(
        ids(&body["leads"]).is_empty(),
        "notes do not make their lead match"
    );
}

async fn notes_are_found_by_their_content_and_follow_edits_and_deletes(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app.lead(&agent, json!({"first_name": "Akinyi"})).await;
    let first = note(&app, &agent, &lead, "Wants a quote for 40 solar panels.").await;
    let second = note(&app, &manager, &lead, "Solar-powered pumps next season").await;
    let found = |body: Value| ids(&body["notes"]);
    assert_eq!(
        found(global(&app, &agent, "solar").await),
        vec![
            second["id"].as_i64().unwrap(),
            first["id"].as_i64().unwrap()
        ]
    );
    assert_eq!(
        found(global(&app, &agent, "PANELS sol").await),
        vec![first["id"].as_i64().unwrap()]
    );
    let path = format!("/api/notes/{}/", first["id"]);
    let (status, _) = app
        .patch(&path, &agent, json!({"content": "Wants wind turbines"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(found(global(&app, &agent, "panels").await).is_empty());
    assert_eq!(
        found(global(&app, &agent, "turbine").await),
        vec![first["id"].as_i64().unwrap()]
    );
    app.delete(&path, &agent).await;
    assert!(found(global(&app, &agent, "turbine").await).is_empty());
    // Deleting the lead takes its notes and contacts out of the search too.
    contact(&app, &agent, &lead, json!({"first_name": "Barasa"})).await;
    assert_eq!(
        ids(&global(&app, &agent, "barasa").await["contacts"]).len(),
        1
    );
    let (status, _) = app
        .delete(&format!("/api/leads/{}/", lead["id"]), &manager)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let body = global(&app, &agent, "solar barasa").await;
    assert_eq!(body, json!({"leads": [], "contacts": [], "notes": []}));
    assert!(found(global(&app, &agent, "pumps").await).is_empty());
    assert!(ids(&global(&app, &agent, "barasa").await["contacts"]).is_empty());
}

async fn the_global_search_needs_a_token_and_a_query(app: TestApp) {
    let (status, body) = app
        .call(reqwest::Method::GET, "/api/search/?q=kamau", None, None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let token = app.agent().await;
    for query in ["", "?q=", "?q=%20%20"] {
        let (status, body) = app.get(&format!("/api/search/{query}"), &token).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert_eq!(body["q"][0], "This field is required.", "{query}");
    }
    app.lead(&token, json!({"first_name": "Kamau"})).await;
    let body = global(&app, &token, "\"'*:&()").await;
    assert_eq!(body, json!({"leads": [], "contacts": [], "notes": []}));
    let body = global(&app, &token, "kamau").await;
    assert_eq!(ids(&body["leads"]).len(), 1);
}
