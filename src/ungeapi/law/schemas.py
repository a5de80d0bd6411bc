from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from ungeapi.core.schemas import answer_config
from ungeapi.law import catalogue
from ungeapi.law.vocabulary import Law


class LegalBasisRead(BaseModel):
    # The example is the catalogue's own entry for the youth plan (R19), as the data file has it.
    model_config = answer_config(catalogue.example("bl-108"))

    id: str = Field(description="The entry's id in the catalogue (hjemmel-id), e.g. `bl-108`.")
    law: Law = Field(description="The law (lov).")
    section: str = Field(description="The § within the law, with its letter, e.g. `2 k` (paragraf).")
    code: str = Field(
        description="The reference as records write it, e.g. `BL § 108` (hjemmel); what a case's "
        "`legal_basis_code` names."
    )
    title: str = Field(description="The §'s title in Danish (overskrift).")
    valid_from: date = Field(description="First day in force (gælder fra).")
    valid_to: date | None = Field(description="Last day in force; null: still in force (gælder til).")
    confirmed: bool = Field(
        description="The title and period are confirmed against the law's text; false: taken from "
        "practice or the seeds and not yet checked (bekræftet)."
    )
    source: str | None = Field(description="Where the entry was taken from (kilde).")
    note: str | None = Field(description="What is uncertain or changed about it (bemærkning).")
    catalogue_version: str = Field(description="The catalogue's data version that holds it (version).")
