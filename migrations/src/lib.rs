//! Schema migrations for Concord, one module per change, applied in name order.
pub use sea_orm_migration::prelude::*;

mod m20261130_000001_identity;
mod m20261130_000002_events;
mod m20261130_000003_workflow;
mod m20261130_000004_notification_preferences;
mod m20261130_120000_instance_secrets;
mod m20261130_121000_throttles;
mod m20261130_140000_history_per_entity;
mod m20261130_150000_list_indexes;
mod m20261201_090000_sessions;
mod m20261201_100000_event_dialogues;
mod m20261201_120000_action_filters;
mod m20261202_100000_attention_indexes;
mod m20261203_130000_calendar_feeds;
mod m20261203_143000_project_reporting;
mod m20261204_090000_action_summaries;
mod m20261205_090000_token_generation;

pub use m20261130_140000_history_per_entity::rehash_per_entity;
pub use m20261204_090000_action_summaries::summarise_actions;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261130_000001_identity::Migration),
            Box::new(m20261130_000002_events::Migration),
            Box::new(m20261130_000003_workflow::Migration),
            Box::new(m20261130_000004_notification_preferences::Migration),
            Box::new(m20261130_120000_instance_secrets::Migration),
            Box::new(m20261130_121000_throttles::Migration),
            Box::new(m20261130_140000_history_per_entity::Migration),
            Box::new(m20261130_150000_list_indexes::Migration),
            Box::new(m20261201_090000_sessions::Migration),
            Box::new(m20261201_100000_event_dialogues::Migration),
            Box::new(m20261201_120000_action_filters::Migration),
            Box::new(m20261202_100000_attention_indexes::Migration),
            Box::new(m20261203_130000_calendar_feeds::Migration),
            Box::new(m20261203_143000_project_reporting::Migration),
            Box::new(m20261204_090000_action_summaries::Migration),
            Box::new(m20261205_090000_token_generation::Migration),
        ]
    }
}
