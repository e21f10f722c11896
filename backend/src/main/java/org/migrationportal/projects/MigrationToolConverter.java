package org.migrationportal.projects;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
class MigrationToolConverter implements AttributeConverter<MigrationTool, String> {

    @Override
    public String convertToDatabaseColumn(MigrationTool tool) {
        return tool == null ? null : tool.key();
    }

    @Override
    public MigrationTool convertToEntityAttribute(String key) {
        return key == null ? null : MigrationTool.fromKey(key);
    }
}
