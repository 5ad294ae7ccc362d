/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {Component, useRef, useState} from "@odoo/owl";
import {useDropzone} from "@web/core/dropzone/dropzone_hook";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";

const ROUTE = "/print_crm_prepress/proof/upload";

/**
 * Proof files of a draft round: drop them (several at once) on the zone, or choose them.
 * Each file is posted to the back office's proof upload, where the company's upload policy
 * checks it and stores it with its SHA-256, size and type. On a round's form the files are
 * shown as thumbnails; on a job's form they go to the job's draft round (a new one if none).
 */
export class PrintProofUpload extends Component {
    static template = "print_crm_prepress.PrintProofUpload";
    static props = {...standardWidgetProps, target: {type: String, optional: true}};

    setup() {
        this.http = useService("http");
        this.notification = useService("notification");
        this.root = useRef("root");
        this.input = useRef("input");
        this.state = useState({uploading: false});
        useDropzone(
            this.root,
            (ev) => this.upload([...ev.dataTransfer.files]),
            "o_print_proof_dropzone",
            () => this.enabled
        );
    }

    get isJob() {
        return this.props.target === "job";
    }

    get enabled() {
        const data = this.props.record.data;
        return this.isJob ? !(data.is_done || data.is_cancel) : data.state === "draft";
    }

    get files() {
        const files = this.props.record.data.file_ids;
        if (!files) {
            return [];
        }
        return files.records.map((file) => ({
            ...file.data,
            id: file.resId || file.id,
            attachmentId: file.data.attachment_id && file.data.attachment_id[0],
        }));
    }

    thumbnailUrl(file) {
        return `/web/image/ir.attachment/${file.attachmentId}/160x160`;
    }

    isImage(file) {
        return (file.mimetype || "").startsWith("image/");
    }

    fileSize(file) {
        const size = file.file_size || 0;
        return size >= 1024 * 1024
            ? `${(size / 1024 / 1024).toFixed(1)} MB`
            : `${Math.max(1, Math.round(size / 1024))} KB`;
    }

    choose() {
        this.input.el.click();
    }

    async onInputChange(ev) {
        const files = [...ev.target.files];
        ev.target.value = "";
        await this.upload(files);
    }

    async upload(files) {
        if (!files.length || !this.enabled || this.state.uploading) {
            return;
        }
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        this.state.uploading = true;
        try {
            const params = {csrf_token: odoo.csrf_token, ufile: files};
            params[this.isJob ? "job_id" : "proof_id"] = record.resId;
            const response = await this.http.post(ROUTE, params, "text");
            const result = JSON.parse(response);
            if (result.error) {
                this.notification.add(result.error, {type: "danger", sticky: true});
            } else {
                const names = result.files.map((file) => file.name).join(", ");
                this.notification.add(_t("Added to the proof round: %s", names), {
                    type: "success",
                });
            }
        } catch (error) {
            const message = error?.data?.message || error?.message || String(error);
            this.notification.add(message, {type: "danger", sticky: true});
        } finally {
            this.state.uploading = false;
            await record.load();
        }
    }
}

export const printProofUpload = {
    component: PrintProofUpload,
    extractProps: ({attrs}) => ({target: attrs.target}),
};

registry.category("view_widgets").add("print_proof_upload", printProofUpload);
