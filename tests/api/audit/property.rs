//! Random histories, one random tamper each: verify is never fooled, and names the
//! tampered entity (and the event, where there is one to name).
use concord::store::entities::event;
use concord::store::history::tables::head;
use concord::store::history::{self, NewEvent, Problem};
use concord::store::{self};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use super::chains::{all_chains, swap_positions};
use crate::helpers::spawn_app;

const ENTITIES: usize = 5;
const TRIALS: usize = 40;

#[tokio::test]
async fn any_single_tamper_is_found_and_named() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let mut rng = StdRng::seed_from_u64(0x00c0_ffee);
    let entities: Vec<Uuid> = (0..ENTITIES).map(|_| Uuid::now_v7()).collect();
    // Three events each, then a random interleaving, sealed, then a few more: some
    // chains end after the checkpoint, some at it.
    let mut order: Vec<Uuid> = entities.iter().flat_map(|e| [*e; 3]).collect();
    order.extend((0..20).map(|_| entities[rng.random_range(0..ENTITIES)]));
    for (n, entity) in order.iter().enumerate() {
        let txn = store::begin_write(db).await.expect("begin");
        let new = NewEvent {
            entity_kind: "workshop",
            entity_id: *entity,
            transition: format!("step{n}"),
            from_state: Some("a".to_owned()),
            to_state: Some("b".to_owned()),
            actor_id: None,
            reason: None,
            data: json!({ "n": n }),
            project_id: None,
        };
        history::append(&txn, new).await.expect("append");
        txn.commit().await.expect("commit");
        if n == order.len() - 6 {
            assert!(history::checkpoint(db).await.expect("checkpoint").ok);
        }
    }
    assert!(history::verify(db).await.expect("verify").ok);

    let chains = all_chains(db).await;
    for trial in 0..TRIALS {
        let entity = entities[rng.random_range(0..ENTITIES)];
        let chain = &chains[&("workshop".to_owned(), entity)];
        let i = rng.random_range(0..chain.len() - 1);
        let txn = db.writer().begin().await.expect("begin");
        let kind = rng.random_range(0..5);
        let (problem, named) = match kind {
            0 => {
                let column = [
                    event::Column::Reason,
                    event::Column::Transition,
                    event::Column::Data,
                ][rng.random_range(0..3)];
                event::Entity::update_many()
                    .col_expr(column, Expr::value("forged"))
                    .filter(event::Column::Id.eq(chain[i].id))
                    .exec(&txn)
                    .await
                    .expect("altered");
                (Problem::EventAltered, Some(chain[i].id))
            }
            1 => {
                event::Entity::delete_by_id(chain[i].seq)
                    .exec(&txn)
                    .await
                    .expect("deleted");
                (Problem::EventOutOfChain, Some(chain[i + 1].id))
            }
            2 => {
                swap_positions(&txn, &chain[i], &chain[i + 1]).await;
                (Problem::EventOutOfChain, Some(chain[i + 1].id))
            }
            3 => {
                let last = chain.last().expect("a last event");
                event::Entity::delete_by_id(last.seq)
                    .exec(&txn)
                    .await
                    .expect("truncated");
                (Problem::HeadMismatch, None)
            }
            _ => {
                event::Entity::delete_many()
                    .filter(event::Column::EntityId.eq(entity))
                    .exec(&txn)
                    .await
                    .expect("history deleted");
                head::Entity::delete_many()
                    .filter(head::Column::EntityId.eq(entity))
                    .exec(&txn)
                    .await
                    .expect("head deleted");
                (Problem::EntityMissing, None)
            }
        };
        let report = history::verify_in(&txn).await.expect("verify");
        txn.rollback().await.expect("rollback");
        let context = format!("trial {trial}, tamper {kind}, event {i}: {report:?}");
        assert!(!report.ok, "{context}");
        assert_eq!(report.problem, Some(problem), "{context}");
        assert_eq!(report.first_bad_event, named, "{context}");
        assert_eq!(report.bad_entity.map(|e| e.id), Some(entity), "{context}");
    }
    // Every tamper was rolled back.
    assert!(history::verify(db).await.expect("verify").ok);
}
