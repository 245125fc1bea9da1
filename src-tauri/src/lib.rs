//! The desktop shell: opens the store, registers the commands (one-line calls into core) and
//! the plugins (single instance, dialogs). Nothing domain-specific lives here.
mod commands;
mod print;
mod state;
#[cfg(windows)]
mod webview2;

use tauri::Manager;

pub fn run() {
    #[cfg(windows)]
    if !webview2::available() {
        return;
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let path = pacesetter_core::store::default_db_path();
            app.manage(state::AppState::open(path));
            app.manage(commands::importing::ImportCancel::default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::work_plans::work_plans_list,
            commands::work_plans::work_plans_current,
            commands::work_plans::work_plans_use,
            commands::work_plans::work_plans_update,
            commands::work_plans::work_plans_set_unlocked,
            commands::work_plans::work_plans_copy,
            commands::work_plans::work_plans_import,
            commands::work_plans::work_plans_template,
            commands::work_plans::work_plans_report,
            commands::work_plans::work_plans_report_export,
            commands::work_plans::work_plans_measures,
            commands::work_plans::work_plans_add_measure,
            commands::work_plans::work_plans_update_measure,
            commands::work_plans::work_plans_delete_measure,
            commands::work_plans::work_plans_indicators,
            commands::work_plans::work_plans_add_indicator,
            commands::work_plans::work_plans_update_indicator,
            commands::work_plans::work_plans_delete_indicator,
            commands::audit::audit_list,
            commands::audit::audit_filters,
            commands::audit::audit_export,
            commands::settings::settings_get,
            commands::settings::settings_save,
            commands::settings::settings_backup,
            commands::settings::settings_restore,
            commands::settings::settings_backups,
            commands::settings::settings_startup,
            commands::qualifications::qualifications_of,
            commands::qualifications::qualifications_add,
            commands::qualifications::qualifications_update,
            commands::qualifications::qualifications_review,
            commands::qualifications::qualifications_revoke,
            commands::qualifications::qualifications_delete,
            commands::qualifications::qualifications_restore,
            commands::qualifications::qualifications_expiring,
            commands::qualifications::qualification_kinds,
            commands::qualifications::qualification_kinds_add,
            commands::enterprises::enterprises_list,
            commands::enterprises::enterprises_export,
            commands::enterprises::enterprises_get,
            commands::enterprises::enterprises_history,
            commands::enterprises::enterprises_create,
            commands::enterprises::enterprises_update,
            commands::enterprises::enterprises_delete,
            commands::enterprises::trash_list,
            commands::enterprises::trash_restore,
            commands::enterprises::trash_purge,
            commands::enterprises::enterprises_validate_uscc,
            commands::enterprises::enterprises_choices,
            commands::enterprises::enterprises_pool_count,
            commands::enterprises::enterprises_memberships,
            commands::enterprises::enterprises_batch_preview,
            commands::enterprises::enterprises_batch_apply,
            commands::enterprises::enterprises_batches,
            commands::enterprises::enterprises_batch_undo,
            commands::importing::import_preview,
            commands::importing::import_commit,
            commands::importing::import_cancel,
            commands::importing::import_list,
            commands::importing::import_undo,
            commands::importing::import_undo_preview,
            commands::importing::import_redo,
            commands::importing::import_template,
            commands::ledger::ledger_list,
            commands::ledger::ledger_detail,
            commands::ledger::ledger_create,
            commands::ledger::ledger_assign,
            commands::ledger::ledger_serve,
            commands::ledger::ledger_close,
            commands::ledger::ledger_confirm,
            commands::ledger::ledger_return,
            commands::ledger::ledger_set_deadline,
            commands::ledger::ledger_link_task,
            commands::ledger::ledger_stats,
            commands::ledger::ledger_units,
            commands::ledger::ledger_export,
            commands::ledger::ledger_options,
            commands::ledger::ledger_import_preview,
            commands::ledger::ledger_import_commit,
            commands::plans::plans_get,
            commands::plans::plans_save,
            commands::plans::plans_copy_next_year,
            commands::plans::plans_list,
            commands::plans::plans_awards,
            commands::plans::plans_add_award,
            commands::plans::plans_export_docx,
            commands::plans::plans_export_county,
            commands::plans::plans_options,
            commands::reference::reference_counties,
            commands::reference::reference_clusters,
            commands::targets::targets_board,
            commands::targets::targets_members,
            commands::targets::targets_entry_save,
            commands::targets::targets_entry_delete,
            commands::targets::targets_export,
            commands::counties::counties_allocation,
            commands::counties::counties_allocation_save,
            commands::counties::counties_allocation_export,
            commands::counties::counties_allocation_read,
            commands::counties::counties_scheme,
            commands::counties::counties_scheme_save,
            commands::counties::counties_assess,
            commands::counties::counties_assess_export,
            commands::tasks::tasks_list,
            commands::tasks::tasks_import_preview,
            commands::tasks::tasks_import_commit,
            commands::tasks::tasks_export,
            commands::tasks::tasks_export_progress,
            commands::tasks::tasks_county_progress_preview,
            commands::tasks::tasks_county_progress_import,
            commands::tasks::tasks_progress_upsert,
            commands::tasks::tasks_progress_delete,
            commands::tasks::tasks_progress_list,
            commands::tasks::tasks_board,
            commands::tasks::tasks_summary_units,
            commands::tasks::tasks_summary_counties,
            commands::tasks::tasks_quantity_target,
            commands::tasks::tasks_unit_target,
            commands::tasks::tasks_county_government,
            commands::tasks::tasks_statuses,
            commands::print::print_current,
            commands::exchange::exchange_unit,
            commands::exchange::exchange_units,
            commands::exchange::exchange_set_unit,
            commands::exchange::exchange_export,
            commands::exchange::exchange_preview,
            commands::exchange::exchange_import,
            commands::exchange::exchange_list,
            commands::exchange::exchange_undo,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Pacesetter app");
}
